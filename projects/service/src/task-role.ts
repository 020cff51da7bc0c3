import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { taskRoleTrustPolicy } from "@platform/iam";

/**
 * The role the application itself runs as. It is separate from the execution role, so the application
 * cannot read the registry credentials; it starts with no permissions.
 */
export function createTaskRole(name: string, opts?: pulumi.CustomResourceOptions): aws.iam.Role {
  const identity = aws.getCallerIdentityOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  return new aws.iam.Role(
    name,
    {
      description: "ECS task role of the application (no permissions by default)",
      assumeRolePolicy: pulumi
        .all([identity.accountId, partition.partition, region.region])
        .apply(([accountId, p, r]) => JSON.stringify(taskRoleTrustPolicy({ accountId, partition: p, region: r }))),
    },
    opts,
  );
}

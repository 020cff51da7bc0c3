// The Pulumi side of the trust policies: an IAM role that ECS tasks assume, in the account, partition and
// region the program deploys to. Behind its own import path (`@platform/iam/ecs-task-role`), so the policy
// pack and the tools, which read only documents, do not load @pulumi/aws.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "./policy-document";

/** Where the program deploys, as the provider reports it: what a role's documents name. */
export interface DeployTarget {
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
}

/** The caller's account, the partition and the region, looked up once for every document a program builds. */
export function deployTarget(opts?: pulumi.CustomResourceOptions): DeployTarget {
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    region: aws.getRegionOutput({}, opts).region,
    partition: aws.getPartitionOutput({}, opts).partition,
  };
}

export interface EcsTasksRoleArgs {
  readonly description: string;
  /** `executionRoleTrustPolicy` or `taskRoleTrustPolicy`: which of the two ECS roles this is. */
  readonly trustPolicy: (where: { accountId: string; partition: string; region: string }) => PolicyDocument;
  readonly target: DeployTarget;
}

/** A role trusted by ecs-tasks.amazonaws.com with `args.trustPolicy`, and no permissions of its own yet. */
export function createEcsTasksRole(
  name: string,
  args: EcsTasksRoleArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.iam.Role {
  const { accountId, partition, region } = args.target;
  const trust = pulumi
    .all([accountId, partition, region])
    .apply(([a, p, r]) => JSON.stringify(args.trustPolicy({ accountId: a, partition: p, region: r })));
  return new aws.iam.Role(name, { description: args.description, assumeRolePolicy: trust }, opts);
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { blueGreenTrafficPolicy, ecsInfrastructureRoleTrustPolicy } from "@platform/iam";
import { deployTarget } from "@platform/iam/ecs-task-role";

export interface TrafficRoleArgs {
  readonly listenerRuleArn: pulumi.Input<string>;
  readonly targetGroupArns: readonly pulumi.Input<string>[];
}

/**
 * The role ECS assumes to shift a blue/green deployment's traffic (the load balancer's `advancedConfiguration.roleArn`):
 * trusted by ecs.amazonaws.com for this account only, allowed exactly this service's rule and groups, with an inline
 * policy rather than the managed one, which reaches every rule and group of the account.
 */
export function createTrafficRole(name: string, args: TrafficRoleArgs, opts: pulumi.CustomResourceOptions) {
  const { accountId, partition, region } = deployTarget(opts);
  const role = new aws.iam.Role(
    name,
    {
      description: "ECS shifts this service's blue/green traffic between its two target groups",
      assumeRolePolicy: pulumi
        .all([accountId, partition, region])
        .apply(([a, p, r]) =>
          JSON.stringify(ecsInfrastructureRoleTrustPolicy({ accountId: a, partition: p, region: r })),
        ),
    },
    opts,
  );
  const policy = new aws.iam.RolePolicy(
    name,
    {
      role: role.name,
      policy: pulumi
        .all([args.listenerRuleArn, pulumi.all([...args.targetGroupArns])])
        .apply(([listenerRuleArn, targetGroupArns]) =>
          JSON.stringify(blueGreenTrafficPolicy({ listenerRuleArn, targetGroupArns })),
        ),
    },
    opts,
  );
  return { role, policy };
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryAccessOutputs } from "@platform/contracts";
import { ecsTaskExecutionManagedPolicyArn, executionRoleTrustPolicy, secretReadPolicy } from "@platform/iam";
import { createEcsTasksRole, deployTarget } from "@platform/iam/ecs-task-role";

/** What the role is allowed, as registry-access exports it (`executionRolePolicies` in @platform/contracts). */
export type ExecutionRolePolicies = RegistryAccessOutputs["executionRolePolicies"];

export interface ExecutionRole {
  readonly role: aws.iam.Role;
  readonly policies: pulumi.Output<ExecutionRolePolicies>;
}

export interface ExecutionRoleArgs {
  readonly secretArns: pulumi.Input<string>[];
  readonly kmsKeyArn?: pulumi.Input<string>;
}

/**
 * The task execution role: assumable only by ECS tasks of this account, with AWS's execution policy (ECR
 * pulls, logs) and an inline policy that reads exactly the registry secrets (and decrypts exactly their key).
 */
export function createExecutionRole(
  name: string,
  args: ExecutionRoleArgs,
  opts?: pulumi.CustomResourceOptions,
): ExecutionRole {
  const target = deployTarget(opts);
  const role = createEcsTasksRole(
    name,
    {
      description: "ECS task execution role: pulls the private image and writes logs",
      trustPolicy: executionRoleTrustPolicy,
      target,
    },
    opts,
  );

  const attachment = new aws.iam.RolePolicyAttachment(
    `${name}-ecs`,
    {
      role: role.name,
      policyArn: target.partition.apply(ecsTaskExecutionManagedPolicyArn),
    },
    opts,
  );

  const secretsPolicy = new aws.iam.RolePolicy(
    `${name}-registry-secrets`,
    {
      role: role.id,
      policy: pulumi
        .all([pulumi.all(args.secretArns), args.kmsKeyArn, target.region])
        .apply(([secretArns, kmsKeyArn, r]) =>
          JSON.stringify(secretReadPolicy({ secretArns, region: r, ...(kmsKeyArn ? { kmsKeyArn } : {}) })),
        ),
    },
    opts,
  );
  // Exported from the resources themselves, so the export cannot drift from what the role really has.
  return {
    role,
    policies: pulumi
      .all([secretsPolicy.name, secretsPolicy.policy, attachment.policyArn])
      .apply(([policyName, document, managedArn]) => ({
        inlinePolicies: [{ name: policyName, document }],
        managedPolicyArns: [managedArn],
      })),
  };
}

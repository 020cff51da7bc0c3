import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryAccessOutputs } from "@platform/contracts";
import {
  ecsTaskExecutionManagedPolicyArn,
  executionRoleTrustPolicy,
  pullThroughCachePolicy,
  secretReadPolicy,
} from "@platform/iam";
import { createEcsTasksRole, type DeployTarget } from "@platform/iam/ecs-task-role";

/** What the role is allowed, as registry-access exports it (`executionRolePolicies` in @platform/contracts). */
export type ExecutionRolePolicies = RegistryAccessOutputs["executionRolePolicies"];

export interface ExecutionRole {
  readonly role: aws.iam.Role;
  readonly policies: pulumi.Output<ExecutionRolePolicies>;
}

export interface ExecutionRoleArgs {
  /** The `repositoryCredentials` secrets; with none, the role gets no secret read. */
  readonly secretArns: pulumi.Input<string>[];
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** The repositories of each pull-through cache prefix (`repository/<prefix>/*`), which the role may import into. */
  readonly pullThroughRepositoriesArns: pulumi.Input<string>[];
  readonly target: DeployTarget;
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
  const { target } = args;
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

  const inline: aws.iam.RolePolicy[] = [];
  if (args.secretArns.length > 0) {
    inline.push(
      new aws.iam.RolePolicy(
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
      ),
    );
  }
  if (args.pullThroughRepositoriesArns.length > 0) {
    inline.push(
      new aws.iam.RolePolicy(
        `${name}-pull-through-cache`,
        {
          role: role.id,
          policy: pulumi
            .all(args.pullThroughRepositoriesArns)
            .apply((arns) => JSON.stringify(pullThroughCachePolicy(arns))),
        },
        opts,
      ),
    );
  }
  // Exported from the resources themselves, so the export cannot drift from what the role really has.
  return {
    role,
    policies: pulumi
      .all([pulumi.all(inline.map((policy) => pulumi.all([policy.name, policy.policy]))), attachment.policyArn])
      .apply(([documents, managedArn]) => ({
        inlinePolicies: documents.map(([policyName, document]) => ({ name: policyName, document })),
        managedPolicyArns: [managedArn],
      })),
  };
}

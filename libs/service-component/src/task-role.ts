import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { taskRoleTrustPolicy } from "@platform/iam";
import { createEcsTasksRole, deployTarget } from "@platform/iam/ecs-task-role";

/**
 * The role the application itself runs as. It is separate from the execution role, so the application
 * cannot read the registry credentials; it starts with no permissions.
 */
export function createTaskRole(name: string, opts?: pulumi.CustomResourceOptions): aws.iam.Role {
  const description = "ECS task role of the application (no permissions by default)";
  return createEcsTasksRole(name, { description, trustPolicy: taskRoleTrustPolicy, target: deployTarget(opts) }, opts);
}

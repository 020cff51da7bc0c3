import { ecsTaskExecutionManagedPolicyArn, ecsTasksServicePrincipal } from "@platform/iam";
import { z } from "zod";
import { readTaskDefinition } from "../lib/containers";
import { ecsTasksTrustStatements, readDocument } from "../lib/iam-documents";
import { declaredExecutionRoles, isAwsManaged } from "../lib/execution-role-marks";
import { code } from "../lib/messages";
import { AWSX_SERVICES, AWSX_TASK_DEFINITIONS, ROLE_ATTACHMENT_TYPES } from "../lib/resource-types";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { UnknownDeferral } from "../lib/unknowns";
import { field } from "../lib/props";
import { UPSTREAM_STACK, upstreamExecutionRoles } from "../lib/upstream-roles";

export const executionRoleManagedPolicies = defineStackRule({
  name: "execution-role-managed-policies",
  description: "Checks that roles trusted by ecs-tasks.amazonaws.com attach no managed policy beyond an allow-list.",
  cause:
    "A role whose trust policy allows ecs-tasks.amazonaws.com attaches a managed policy that is not on " +
    "`allowedManagedPolicyArns`, through `managedPolicyArns`, a RolePolicyAttachment, a PolicyAttachment, a " +
    "RolePolicyAttachmentsExclusive, or awsx `executionRole.args`/`taskRole.args` (`policyArns`, `managedPolicyArns`); " +
    "or an attachment in this stack names, by ARN or name, an execution role that another stack exports as " +
    "`executionRoleArn` (carried by a `platform:contracts:UpstreamStack` component), judged as if it were in the role's own stack. An AWS managed policy on an " +
    "execution role is execution-role-least-privilege's finding (mandatory), not this rule's.",
  rationale:
    'The usual way to fix a pull that cannot read its secret is to attach something broad "to make it work" ' +
    "(SecretsManagerReadWrite, AdministratorAccess). An execution role needs AmazonECSTaskExecutionRolePolicy and an " +
    "inline grant on exactly its secret; anything else widens what every task can do. A stack policy, because " +
    "attachments are separate resources that name the role.",
  notCovered:
    "Roles that ecs-tasks.amazonaws.com cannot assume; a role of another stack that no `platform:contracts:UpstreamStack` component of this stack carries (a bare StackReference's outputs never reach the pack); attachments made outside Pulumi. `aws-native` IAM resources (`aws-native:iam:Role` `managedPolicyArns`, `aws-native:iam:ManagedPolicy` `roles`) are not read.",
  fix:
    "Detach the policy and grant exactly what is needed in an inline policy of the role (for registry credentials, " +
    "`secretsmanager:GetSecretValue` on the secret's ARN); if a managed policy is truly needed, add its ARN to " +
    "`allowedManagedPolicyArns` in the pack's config (the file passed as `--policy-pack-config`).",
  enforcementLevel: "advisory",
  resourceTypes: [...ROLE_ATTACHMENT_TYPES, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS, UPSTREAM_STACK],
  references: ["cdk-nag AwsSolutions-IAM4", "Amazon ECS task execution IAM role"],
  options: {
    allowedManagedPolicyArns: z
      .array(z.string().min(1))
      .default([ecsTaskExecutionManagedPolicyArn()])
      .describe("Managed policy ARNs a role trusted by ecs-tasks.amazonaws.com may attach"),
  },
  check({ resources, config, report }) {
    const allowed = new Set(config.allowedManagedPolicyArns);
    const graph = new RoleGraph(resources);
    const unknowns = new UnknownDeferral();
    // AWS managed policies on execution roles are execution-role-least-privilege's: one finding per problem.
    const executionRoles = declaredExecutionRoles(resources, graph);
    const judgedElsewhere = (policyArn: string, onExecutionRole: boolean) => onExecutionRole && isAwsManaged(policyArn);
    for (const role of graph.roles()) {
      unknowns.attempt(() => {
        const trust = readDocument({ path: "assumeRolePolicy", raw: role.props.assumeRolePolicy });
        if (trust === undefined || ecsTasksTrustStatements(trust).length === 0) return;
        for (const attachment of graph.managedPolicies(role)) {
          if (allowed.has(attachment.policyArn) || judgedElsewhere(attachment.policyArn, executionRoles.has(role)))
            continue;
          report(
            `Role ${code(role.name)} is trusted by ${ecsTasksServicePrincipal} and attaches ${code(attachment.policyArn)} ` +
              `through ${attachment.through}: detach it and grant exactly what the tasks need inline, or allow-list it in \`allowedManagedPolicyArns\`.`,
            attachment.via.urn,
          );
        }
      });
    }
    for (const upstream of upstreamExecutionRoles(resources)) {
      for (const attachment of graph.aimedAt(upstream.arn).attachments) {
        if (allowed.has(attachment.policyArn) || judgedElsewhere(attachment.policyArn, true)) continue;
        report(
          `Execution role ${code(upstream.arn)} (exported by stack ${code(upstream.stack)}) is given ` +
            `${code(attachment.policyArn)} through ${attachment.through} in this stack: detach it; grant exactly what ` +
            `the tasks need in stack ${code(upstream.stack)}, which owns the role, or allow-list it in \`allowedManagedPolicyArns\`.`,
          attachment.via.urn,
        );
      }
    }
    for (const component of resources) {
      unknowns.attempt(() => {
        const task = readTaskDefinition(component.type, component.props);
        if (task?.layer !== "awsx") return;
        for (const role of ["executionRole", "taskRole"] as const) {
          const args = field(task.args[role], "args");
          for (const key of ["policyArns", "managedPolicyArns"] as const) {
            for (const policyArn of (field(args, key) ?? []) as unknown[]) {
              if (typeof policyArn !== "string" || allowed.has(policyArn)) continue;
              if (judgedElsewhere(policyArn, role === "executionRole")) continue;
              report(
                `awsx creates \`${task.argsPath}${role}\` of ${code(component.name)} trusted by ${ecsTasksServicePrincipal} ` +
                  `and attaches ${code(policyArn)} through \`${task.argsPath}${role}.args.${key}\`: remove it, or allow-list it in ` +
                  `\`allowedManagedPolicyArns\`; to take control of the role, create it yourself and pass its ARN as ` +
                  `\`${task.argsPath}${role}.roleArn\`.`,
                component.urn,
              );
            }
          }
        }
      });
    }
    unknowns.finish();
  },
});

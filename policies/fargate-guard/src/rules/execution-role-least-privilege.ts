import { accessEvaluator } from "@platform/iam";
import { z } from "zod";
import { EXTRA_GRANT_RESOURCE_TYPES, extraGrantsOfStack } from "../lib/extra-grants";
import { executionRolesOf } from "../lib/execution-roles";
import { grantClassOf } from "../lib/grant-classes";
import { code, codeList, codeListCut, throughPattern } from "../lib/messages";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { UnknownDeferral } from "../lib/unknowns";

/** One exact action (`ssm:GetParameters`) that may be allowed: never one that changes secrets or permissions. */
const allowableAction = z
  .string()
  .regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, "an exact action such as ssm:GetParameters, without wildcards")
  .refine(
    (action) => !["self-granting", "secret-changing"].includes(grantClassOf(action)),
    "an action that neither changes a secret nor grants permissions: those are never allowed on an execution role",
  );

export const executionRoleLeastPrivilege = defineStackRule({
  name: "execution-role-least-privilege",
  description: "Checks that a task execution role is allowed nothing beyond what ECS needs to start the task.",
  cause:
    "A policy that applies to a task execution role allows, by IAM evaluation (@cloud-copilot/iam-expand for " +
    "wildcards and NotAction, @cloud-copilot/iam-simulate with the role's Denies), an action other than " +
    "AmazonECSTaskExecutionRolePolicy's, `secretsmanager:GetSecretValue` and `kms:Decrypt` that is not on " +
    "`allowedActions`: a Secrets Manager action that is not a read (write, delete, restore, rotate, replicate, tag), " +
    "reported on its own, or any other action. Judged: the role's inline policies, RolePolicy resources and customer " +
    "managed policies of the stack; awsx `executionRole.args.inlinePolicies`; and a RolePolicy, or an attachment of a " +
    "customer managed policy of this stack, aimed by ARN or name at an execution role another stack exports as " +
    "`executionRoleArn`, as carried by a `platform:contracts:UpstreamStack` component of this stack (outputs `{ name, outputs }`: the other stack and what was read from it; a StackReference never reaches a pack), with that stack's exported policies counting for Deny. An execution role is " +
    "one a task definition names as `executionRoleArn` (awsx: `executionRole.roleArn`), one that attaches " +
    "AmazonECSTaskExecutionRolePolicy, or the role awsx creates. Actions that let the role grant itself more are " +
    "execution-role-no-privilege-escalation's; which secrets and keys GetSecretValue and Decrypt reach is " +
    "secret-access-least-privilege's.",
  rationale:
    "ECS uses the execution role only to start the task: pull the image (with the registry credentials secret) and " +
    "write the log stream. The role is trusted by ecs-tasks.amazonaws.com, so anyone who may pass it can also run " +
    "code as it. A write on the registry secret then replaces or deletes the credentials every service pulls with; " +
    "any other grant is reach that no task needs.",
  notCovered:
    "Task roles (the application's permissions belong there); which secrets and keys " +
    "`secretsmanager:GetSecretValue` and `kms:Decrypt` reach (secret-access-least-privilege); AWS managed policies " +
    "other than AmazonECSTaskExecutionRolePolicy, whose documents the pack does not read " +
    "(execution-role-managed-policies reports them); policies attached outside Pulumi; permission boundaries, SCPs " +
    "and the resources' own policies. " +
    "Of the `aws-native` provider it reads roles (`aws-native:iam:Role` `policies` and `managedPolicyArns`), " +
    "`RolePolicy` and `ManagedPolicy` (`roles`), but not `aws-native:ecs:TaskDefinition`: an aws-native role is an " +
    "execution role when a @pulumi/aws or awsx task definition names it, or when it attaches " +
    "AmazonECSTaskExecutionRolePolicy.",
  fix:
    "Remove the action: an execution role needs AmazonECSTaskExecutionRolePolicy and `secretsmanager:GetSecretValue` " +
    "(plus `kms:Decrypt`) on exactly its registry secrets; the application's permissions " +
    "belong to the task role. When ECS needs more for this task (`ssm:GetParameters` for `secrets` from Parameter " +
    "Store, `logs:CreateLogGroup` for `awslogs-create-group`), list the exact action in `allowedActions`.",
  enforcementLevel: "mandatory",
  resourceTypes: EXTRA_GRANT_RESOURCE_TYPES,
  references: ["cdk-nag AwsSolutions-IAM5", "Amazon ECS task execution IAM role"],
  options: {
    allowedActions: z
      .array(allowableAction)
      .default([])
      .describe("Exact actions beyond AmazonECSTaskExecutionRolePolicy that ECS needs from an execution role here"),
  },
  async check({ resources, config, report }) {
    const unknowns = new UnknownDeferral();
    const subjects = executionRolesOf(resources, new RoleGraph(resources), unknowns);
    const allowed = new Set(config.allowedActions.map((action) => action.toLowerCase()));
    const evaluate = accessEvaluator();
    for (const { subject, grant } of await extraGrantsOfStack(
      subjects,
      "secret-changing",
      allowed,
      evaluate,
      unknowns,
    )) {
      report(
        `${grant.where} lets ${subject.label} change secrets: it allows ${codeListCut(grant.actions)} on ` +
          `${codeList(grant.resources)}${throughPattern(grant.through, grant.actions)}. An execution role only reads its ` +
          `registry secrets: remove ${grant.actions.length === 1 ? "it" : "them"}${subject.owner}.`,
        grant.urn,
      );
    }
    for (const { subject, grant } of await extraGrantsOfStack(subjects, "beyond-needs", allowed, evaluate, unknowns)) {
      report(
        `${grant.where} lets ${subject.label} do ${actionWithExample(grant.through, grant.actions[0]!)} on ` +
          `${codeList(grant.resources)}, beyond what ECS needs to start the task: remove it${subject.owner}, move ` +
          "what the application needs to the task role, or list an action ECS needs for this task in `allowedActions`.",
        grant.urn,
      );
    }
    unknowns.finish();
  },
});

/** "`ecr:PutImage`", or "`s3:*` (`s3:AbortMultipartUpload`, for one)" when a pattern grants it. */
function actionWithExample(pattern: string, example: string): string {
  return pattern === example ? code(example) : `${code(pattern)} (${code(example)}, for one)`;
}

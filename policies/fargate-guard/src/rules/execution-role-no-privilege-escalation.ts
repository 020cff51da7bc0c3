import { accessEvaluator } from "@platform/iam/access";
import { EXTRA_GRANT_RESOURCE_TYPES, extraGrantsOfStack } from "../lib/extra-grants";
import { executionRolesOf } from "../lib/execution-roles";
import { codeList, codeListCut, throughPattern } from "../lib/messages";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { UnknownDeferral } from "../lib/unknowns";

export const executionRoleNoPrivilegeEscalation = defineStackRule({
  name: "execution-role-no-privilege-escalation",
  description: "Checks that a task execution role cannot grant itself (or anyone) more than it has.",
  cause:
    "A policy that applies to a task execution role allows, by IAM evaluation (@cloud-copilot/iam-expand for " +
    "wildcards and NotAction, @cloud-copilot/iam-simulate with the role's Denies), an IAM action that is not a read " +
    "(`iam:PutRolePolicy`, `iam:AttachRolePolicy`, `iam:PassRole`, `iam:CreateAccessKey`, …), an STS action that " +
    "returns other credentials (`sts:AssumeRole*`, `sts:GetFederationToken`, `sts:GetSessionToken`), or a " +
    "resource-policy or grant write (`kms:CreateGrant`, `kms:PutKeyPolicy`, `secretsmanager:PutResourcePolicy`, " +
    "`secretsmanager:DeleteResourcePolicy`, `ecr:SetRepositoryPolicy`, `ecr:PutRegistryPolicy`, " +
    "`logs:PutResourcePolicy`), on any resource. The execution roles, and every route by which a grant reaches one (identity, assumable-role " +
    "and resource policies, in any provider), are those of execution-role-least-privilege.",
  rationale:
    "An execution role is trusted by ecs-tasks.amazonaws.com, so anyone who may pass it can also run code as it " +
    "(as a task role). With one of these actions that code gives itself, or another account, any permission at all: " +
    "an inline policy on itself, a role to assume, a key grant, a secret's resource policy. No least privilege " +
    "survives it, so the rule is mandatory in every environment.",
  notCovered:
    "Task roles (the application's role may need such actions); the documents of AWS managed policies and of " +
    "customer managed policies declared outside the plan (execution-role-least-privilege reports any AWS managed " +
    "policy beyond AmazonECSTaskExecutionRolePolicy); policies attached outside Pulumi; permission boundaries and " +
    "SCPs, which only narrow; resource policies of services other than Secrets Manager, KMS and ECR, and any policy " +
    "of another stack that grants the role; roles of other stacks it may assume; resource-policy writes of other " +
    "services (`s3:PutBucketPolicy`, …), which execution-role-least-privilege reports instead.",
  fix:
    "Remove the action from the execution role's policies: ECS needs none of these to start a task. A deployment " +
    "that must change IAM runs with its own deploy role, never with the task's.",
  enforcementLevel: "mandatory",
  resourceTypes: EXTRA_GRANT_RESOURCE_TYPES,
  references: [
    "cdk-nag AwsSolutions-IAM5",
    "Checkov CKV_AWS_286",
    "Checkov CKV_AWS_287",
    "Amazon ECS task execution IAM role",
  ],
  async check({ resources, report }) {
    const unknowns = new UnknownDeferral();
    const evaluate = accessEvaluator();
    const subjects = await executionRolesOf(resources, new RoleGraph(resources), unknowns, evaluate);
    for (const { subject, grant } of await extraGrantsOfStack(
      subjects,
      "self-granting",
      new Set(),
      evaluate,
      unknowns,
    )) {
      report(
        `${grant.where} lets ${subject.label} grant itself more: it allows ${codeListCut(grant.actions)} on ` +
          `${codeList(grant.resources)}${throughPattern(grant.through, grant.actions)}. Remove ${grant.actions.length === 1 ? "it" : "them"}` +
          `${grant.owner}; ECS needs none of these to start a task.`,
        grant.urn,
      );
    }
    unknowns.finish();
  },
});

import { ecsTasksServicePrincipal, type PolicyStatement } from "@platform/iam";
import { readTaskDefinition } from "../lib/containers";
import { ecsTasksTrustStatements, readDocument, statementLabel } from "../lib/iam-documents";
import { AWSX_SERVICES, AWSX_TASK_DEFINITIONS, IAM_ROLE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

const deputyKeys = ["aws:sourceaccount", "aws:sourcearn"];

export const ecsTrustConfusedDeputy = defineResourceRule({
  name: "ecs-trust-confused-deputy",
  description: "Checks that roles trusted by ecs-tasks.amazonaws.com limit the trust to this account's ECS resources.",
  cause:
    "A role's trust policy lets ecs-tasks.amazonaws.com assume it without an `aws:SourceAccount` or `aws:SourceArn` " +
    "condition, or an awsx task definition lets awsx create such a role (an `executionRole`/`taskRole` without `roleArn`).",
  rationale:
    "Without the condition, ECS acting for another account could be made to assume the role (the cross-service " +
    "confused deputy). awsx's default roles trust ecs-tasks.amazonaws.com unconditionally and take no trust policy argument.",
  fix:
    "Add `Condition: { StringEquals: { \"aws:SourceAccount\": \"<account>\" }, ArnLike: { \"aws:SourceArn\": " +
    "\"arn:aws:ecs:<region>:<account>:*\" } }` (@platform/iam `executionRoleTrustPolicy` builds it); for awsx, " +
    "create the roles yourself and pass `executionRole.roleArn` and `taskRole.roleArn`.",
  enforcementLevel: "advisory",
  resourceTypes: [IAM_ROLE, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS],
  references: ["IAM user guide: The confused deputy problem", "Amazon ECS task execution IAM role (trust relationship)"],
  check({ type, props, report }) {
    if (type === IAM_ROLE) {
      const trust = readDocument({ path: "assumeRolePolicy", raw: props.assumeRolePolicy });
      if (trust === undefined) return;
      for (const statement of ecsTasksTrustStatements(trust)) {
        if (hasDeputyCondition(statement)) continue;
        const label = statementLabel(statement, trust.Statement.indexOf(statement));
        report(
          `Trust policy ${label} lets ${ecsTasksServicePrincipal} assume the role without an aws:SourceAccount or ` +
            `aws:SourceArn condition: add StringEquals aws:SourceAccount (and ArnLike aws:SourceArn arn:aws:ecs:<region>:<account>:*).`,
        );
      }
      return;
    }
    const task = readTaskDefinition(type, props);
    if (task === undefined) return;
    for (const role of ["executionRole", "taskRole"] as const) {
      const declared: Record<string, unknown> | undefined = task.args[role];
      // `in`, not a read: an ARN that is unknown during preview is still an existing role's ARN.
      if (declared?.skip === true || (declared != null && "roleArn" in declared)) continue;
      report(
        `\`${task.argsPath}${role}\` has no \`roleArn\`, so awsx creates the role with a trust policy for ` +
          `${ecsTasksServicePrincipal} and no aws:SourceAccount condition: create the role with a confused-deputy ` +
          `condition and pass its ARN as \`${task.argsPath}${role}.roleArn\`.`,
      );
    }
  },
});

function hasDeputyCondition(statement: PolicyStatement): boolean {
  return Object.values(statement.Condition ?? {}).some((block) =>
    Object.keys(block ?? {}).some((key) => deputyKeys.includes(key.toLowerCase())),
  );
}

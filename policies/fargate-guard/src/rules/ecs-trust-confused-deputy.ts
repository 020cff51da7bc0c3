import type { PolicyResource } from "@pulumi/policy";
import { ecsTaskExecutionManagedPolicyArn, ecsTasksServicePrincipal, type PolicyStatement } from "@platform/iam";
import { readTaskDefinition } from "../lib/containers";
import { ecsTasksTrustStatements, readDocument, statementLabel } from "../lib/iam-documents";
import { code } from "../lib/messages";
import { CONTAINER_HOST_TYPES, ROLE_ATTACHMENT_TYPES, TASK_DEFINITION } from "../lib/resource-types";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { UnknownDeferral } from "../lib/unknowns";
import { propsOf } from "../lib/props";

const deputyKeys = ["aws:sourceaccount", "aws:sourcearn"];
const executionPolicyName = ecsTaskExecutionManagedPolicyArn().split("/").at(-1)!;

// Which roles need the condition follows AWS's documentation, like @platform/iam's builders: the task role
// page documents aws:SourceAccount/aws:SourceArn in the trust policy
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html); the execution role page
// documents a trust policy without them
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
/** What the fix adds to a task role's trust statement, as the program's author writes it (AWS's own example). */
const TRUST_CONDITION =
  '`"Condition": {"StringEquals": {"aws:SourceAccount": "<account>"}, ' +
  '"ArnLike": {"aws:SourceArn": "arn:aws:ecs:<region>:<account>:*"}}`';

export const ecsTrustConfusedDeputy = defineStackRule({
  name: "ecs-trust-confused-deputy",
  description:
    "Checks that task roles trusted by ecs-tasks.amazonaws.com limit the trust to this account's ECS resources.",
  cause:
    "A role that ecs-tasks.amazonaws.com may assume, and that is not only a task execution role, has no " +
    "`aws:SourceAccount` or `aws:SourceArn` condition; or an awsx task definition lets awsx create the task role " +
    "(a `taskRole` without `roleArn`). An execution role is one that attaches AmazonECSTaskExecutionRolePolicy or " +
    "that a task definition of the stack names as `executionRoleArn`.",
  rationale:
    "Without the condition, ECS acting for another account could be made to assume the task role (the cross-service " +
    "confused deputy); AWS documents the keys for the task role. For the execution role AWS documents no condition " +
    "key, and a condition on a key the caller does not send denies, so the pack does not ask for one there.",
  notCovered:
    "Execution roles (see Explanation); roles trusted by other services; roles of other providers (`aws-native:iam:Role`).",
  fix:
    "Add to the task role's trust statement for ecs-tasks.amazonaws.com " +
    `${TRUST_CONDITION}; for awsx, create the task role yourself with that trust and pass its ARN as \`taskRole.roleArn\`.`,
  enforcementLevel: "advisory",
  resourceTypes: [...ROLE_ATTACHMENT_TYPES, ...CONTAINER_HOST_TYPES],
  references: [
    "IAM user guide: The confused deputy problem",
    "Amazon ECS task IAM role",
    "Amazon ECS task execution IAM role",
  ],
  check({ resources, report }) {
    const graph = new RoleGraph(resources);
    const unknowns = new UnknownDeferral();
    const usedAs = (role: PolicyResource, key: string) => graph.isReferredToBy(TASK_DEFINITION, key, role);
    const isOnlyExecutionRole = (role: PolicyResource) =>
      !usedAs(role, "taskRoleArn") &&
      (usedAs(role, "executionRoleArn") ||
        graph.managedPolicies(role).some((a) => a.policyArn.endsWith(`/${executionPolicyName}`)));

    for (const role of graph.roles()) {
      unknowns.attempt(() => {
        const trust = readDocument({ path: "assumeRolePolicy", raw: role.props.assumeRolePolicy });
        if (trust === undefined || isOnlyExecutionRole(role)) return;
        for (const statement of ecsTasksTrustStatements(trust)) {
          if (hasDeputyCondition(statement)) continue;
          const label = statementLabel(statement, trust.Statement.indexOf(statement));
          report(
            `Trust policy ${label} of role ${code(role.name)} lets ${ecsTasksServicePrincipal} assume it without an ` +
              `aws:SourceAccount or aws:SourceArn condition: add ${TRUST_CONDITION} to that statement.`,
            role.urn,
          );
        }
      });
    }
    for (const component of resources) {
      unknowns.attempt(() => {
        const task = readTaskDefinition(component.type, component.props);
        if (task?.layer !== "awsx") return;
        const declared = propsOf(task.args.taskRole);
        // `in`, not a read: an ARN that is unknown during preview is still an existing role's ARN.
        if (declared?.skip === true || (declared != null && "roleArn" in declared)) return;
        report(
          `\`${task.argsPath}taskRole\` of ${code(component.name)} has no \`roleArn\`, so awsx creates the task role ` +
            `with a trust policy for ${ecsTasksServicePrincipal} and no aws:SourceAccount condition: create the role ` +
            `yourself (an aws.iam.Role whose trust statement has ${TRUST_CONDITION}) and pass its ARN as ` +
            `\`${task.argsPath}taskRole.roleArn\`.`,
          component.urn,
        );
      });
    }
    unknowns.finish();
  },
});

function hasDeputyCondition(statement: PolicyStatement): boolean {
  return Object.values(statement.Condition ?? {}).some((block) =>
    Object.keys(block ?? {}).some((key) => deputyKeys.includes(key.toLowerCase())),
  );
}

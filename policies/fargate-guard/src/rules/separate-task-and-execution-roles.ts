import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";
import { field } from "../lib/props";

export const separateTaskAndExecutionRoles = defineTaskDefinitionRule({
  name: "separate-task-and-execution-roles",
  description: "Checks that a task's execution role and task role are different roles.",
  cause:
    "A task definition names the same role ARN as `executionRoleArn` and `taskRoleArn` (awsx: `executionRole.roleArn` and `taskRole.roleArn`).",
  rationale:
    "The execution role may read the registry credentials and pull images; the task role is what the application's " +
    "code runs as. Sharing one hands the registry token to every process in the container.",
  notCovered:
    "Two different roles that grant the same (execution-role-least-privilege judges the execution role's grants); task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: "Give the task its own task role with only what the application needs; keep the execution role for ECS.",
  enforcementLevel: "advisory",
  references: ["Checkov CKV_AWS_249"],
  checkTask(task, { report }) {
    const [executionRole, taskRole] =
      task.layer === "aws"
        ? [task.args.executionRoleArn, task.args.taskRoleArn]
        : [field(task.args.executionRole, "roleArn"), field(task.args.taskRole, "roleArn")];
    if (typeof executionRole !== "string" || executionRole === "" || executionRole !== taskRole) return;
    const [executionKey, taskKey] =
      task.layer === "aws"
        ? ["executionRoleArn", "taskRoleArn"]
        : [`${task.argsPath}executionRole.roleArn`, `${task.argsPath}taskRole.roleArn`];
    report(
      `\`${executionKey}\` and \`${taskKey}\` are both ${code(executionRole)}: give the task a separate task role, so application code cannot read the registry credentials.`,
    );
  },
});

import { checkEachContainer } from "../lib/containers";
import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";
import { field } from "../lib/props";

export const containerLogging = defineTaskDefinitionRule({
  name: "container-logging",
  description: "Checks that every container sends its logs somewhere (`logConfiguration` with a log driver).",
  cause:
    "A container of a raw task definition has no `logConfiguration.logDriver`, or an awsx task definition skips " +
    "its default log group (`logGroup.skip: true`) and a container sets no `logConfiguration`.",
  rationale:
    "Without a log driver the output of a failing container is lost; a task that stops on start-up leaves nothing " +
    "to debug but a stopped reason.",
  notCovered:
    "Whether the log group exists, its retention or encryption; the FireLens configuration beyond naming a driver; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: 'Give the container `logConfiguration: { logDriver: "awslogs", options: { … } }`, or let awsx create its default log group.',
  enforcementLevel: "advisory",
  references: ["cdk-nag AwsSolutions-ECS7"],
  checkTask(task, { report }) {
    // awsx gives every container without logConfiguration an awslogs driver on its default log group.
    const awsxDefaultLogs = task.layer === "awsx" && field(task.args.logGroup, "skip") !== true;
    checkEachContainer(task, (container) => {
      const logConfiguration = container.definition.logConfiguration;
      if (logConfiguration === undefined || logConfiguration === null) {
        if (awsxDefaultLogs) return;
        const why = task.layer === "awsx" ? ` and \`${task.argsPath}logGroup.skip\` is true` : "";
        const awsxWay =
          task.layer === "awsx"
            ? `, or drop \`${task.argsPath}logGroup.skip\` so awsx creates its log group (\`${task.argsPath}logGroup.args\` ` +
              `sets its retention; \`${task.argsPath}logGroup.existing\` uses yours)`
            : "";
        report(
          `Container ${code(container.name)} has no \`logConfiguration\`${why}: its output is lost. ` +
            `Set \`${container.path}.logConfiguration\` with a log driver such as awslogs${awsxWay}.`,
        );
        return;
      }
      const driver = field(logConfiguration, "logDriver");
      if (typeof driver !== "string" || driver.trim() === "") {
        report(
          `Container ${code(container.name)} has a \`logConfiguration\` without \`logDriver\`: set it, e.g. to "awslogs".`,
        );
      }
    });
  },
});

import { checkEachContainer } from "../lib/containers";
import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";

export const containerNotPrivileged = defineTaskDefinitionRule({
  name: "container-not-privileged",
  description: "Checks that no container runs privileged.",
  cause: "A container sets `privileged: true`.",
  rationale:
    "A privileged container has every capability and the host's devices: root in it is root on the instance, and " +
    "every task on it is exposed. Fargate refuses the task definition, so on Fargate it is also a deploy that fails.",
  notCovered:
    "Added capabilities (no-added-capabilities); task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: "Remove `privileged`; if the container needs one kernel capability, add exactly that one (`linuxParameters.capabilities.add`).",
  enforcementLevel: "mandatory",
  references: ["Checkov CKV_AWS_334", "AWS Config ecs-containers-nonprivileged"],
  checkTask(task, { report }) {
    checkEachContainer(task, (container) => {
      if (container.definition.privileged !== true) return;
      report(
        `Container ${code(container.name)} is privileged: it is root on the host (and Fargate refuses it). ` +
          `Remove \`${container.path}.privileged\`.`,
      );
    });
  },
});

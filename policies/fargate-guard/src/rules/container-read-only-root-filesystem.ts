import { checkEachContainer } from "../lib/containers";
import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";

export const containerReadOnlyRootFilesystem = defineTaskDefinitionRule({
  name: "container-read-only-root-filesystem",
  description: "Checks that every container's root filesystem is read-only.",
  cause: "A container does not set `readonlyRootFilesystem: true` (unset means writable).",
  rationale:
    "A writable root lets code that got into the container change its own binaries and configuration, or drop tools " +
    "that outlive the request that brought them. Paths the application must write (`/tmp`, caches) belong on a volume " +
    "of their own, so everything else stays as the image was built.",
  notCovered:
    "What the mounted volumes hold, and whether they are shared between containers; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix:
    'Set `readonlyRootFilesystem: true` on the container; mount a task volume (`volumes: [{ name: "tmp" }]`, ' +
    '`mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }]`) on each path it must write.',
  enforcementLevel: "advisory",
  references: ["Checkov CKV_AWS_336", "AWS Config ecs-containers-readonly-access"],
  checkTask(task, { report }) {
    checkEachContainer(task, (container) => {
      if (container.definition.readonlyRootFilesystem === true) return;
      report(
        `Container ${code(container.name)} has a writable root filesystem: set \`${container.path}.readonlyRootFilesystem\` ` +
          "to true, and mount a volume on each path it must write (`mountPoints`).",
      );
    });
  },
});

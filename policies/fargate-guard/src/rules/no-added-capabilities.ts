import { z } from "zod";
import { checkEachContainer } from "../lib/containers";
import { code, codeList } from "../lib/messages";
import { field } from "../lib/props";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";

export const noAddedCapabilities = defineTaskDefinitionRule({
  name: "no-added-capabilities",
  description: "Checks that no container adds a Linux capability beyond the allowed list.",
  cause:
    "A container's `linuxParameters.capabilities.add` names a capability (or `ALL`) that is not on `allowedCapabilities`. " +
    "One finding per container, naming every such capability.",
  rationale:
    "Docker's default set is what an application needs; each added capability is a kernel power (`SYS_ADMIN` mounts " +
    "filesystems, `NET_ADMIN` rewrites the network, `SYS_PTRACE` reads other processes' memory) that code in the " +
    "container gets with it. Fargate accepts only `SYS_PTRACE`, so on Fargate any other is also a deploy that fails.",
  notCovered:
    "Capabilities dropped (`drop`), which only narrow; `privileged` (container-not-privileged); task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix:
    "Remove the capability from `linuxParameters.capabilities.add`; when a container truly needs one (a profiler's " +
    "`SYS_PTRACE`), list it in the rule's `allowedCapabilities`.",
  enforcementLevel: "mandatory",
  references: ["Amazon ECS API reference: KernelCapabilities (Fargate adds only SYS_PTRACE)"],
  options: {
    allowedCapabilities: z
      .array(z.string().regex(/^[A-Z_]+$/, "a capability name such as SYS_PTRACE"))
      .default([])
      .describe("Capabilities a container may add (`SYS_PTRACE`); `ALL` only if listed"),
  },
  checkTask(task, { config, report }) {
    const allowed = new Set(config.allowedCapabilities);
    checkEachContainer(task, (container) => {
      const added: unknown = field(field(container.definition.linuxParameters, "capabilities"), "add");
      if (!Array.isArray(added)) return;
      const extra = added.filter((capability) => typeof capability !== "string" || !allowed.has(capability));
      if (extra.length === 0) return;
      report(
        `Container ${code(container.name)} adds ${codeList(extra)} in \`${container.path}.linuxParameters.capabilities.add\`: ` +
          "remove them, or list a capability it truly needs in `allowedCapabilities`.",
      );
    });
  },
});

import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";

/** The task-level keys that put a task into one of the host's namespaces when set to "host". */
const NAMESPACE_KEYS = [
  ["pidMode", "process"],
  ["ipcMode", "IPC"],
  ["networkMode", "network"],
] as const;

export const noHostNamespaces = defineTaskDefinitionRule({
  name: "no-host-namespaces",
  description: "Checks that no task shares the host's process, IPC or network namespace.",
  cause: 'A task definition sets `pidMode`, `ipcMode` or `networkMode` to `"host"`.',
  rationale:
    "A task in the host's process namespace sees and can signal every process on the instance, other tasks' and the " +
    "ECS agent's among them; in its IPC namespace it reads their shared memory; in its network namespace it binds the " +
    "host's ports and reaches the instance metadata service past the task's security group. Fargate refuses all " +
    "three (its tasks use `awsvpc` and `task` modes), so there it is also a deploy that fails.",
  notCovered:
    "`task` and `none` modes, which share nothing with the host; the `bridge` network mode; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: 'Remove the key, or set `pidMode`/`ipcMode` to `"task"` and `networkMode` to `"awsvpc"`.',
  enforcementLevel: "mandatory",
  references: [
    "Checkov CKV_AWS_335",
    "AWS Config ecs-task-definition-pid-mode-check",
    "AWS Config ecs-task-definition-network-mode-not-host",
    "AWS Config ecs-task-definition-user-for-host-mode-check",
    "cdk-nag NIST.800.53.R5-ECSTaskDefinitionUserForHostMode",
  ],
  checkTask(task, { report }) {
    for (const [key, namespace] of NAMESPACE_KEYS) {
      const value: unknown = task.args[key];
      if (value !== "host") continue;
      report(
        `\`${task.argsPath}${key}\` is ${code(value)}: the task shares the host's ${namespace} namespace. ` +
          `Set it to ${code(key === "networkMode" ? "awsvpc" : "task")} or remove it.`,
      );
    }
  },
});

import { checkEachContainer } from "../lib/containers";
import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";

/** `user` is `user`, `user:group`, `uid` or `uid:gid` (ECS ContainerDefinition); its user part names root or not. */
function runsAsRoot(user: unknown): boolean {
  if (typeof user !== "string" || user.trim() === "") return true;
  const name = user.split(":")[0]!.trim();
  return name === "root" || name === "" || /^0+$/.test(name);
}

export const containerNonRootUser = defineTaskDefinitionRule({
  name: "container-non-root-user",
  description: "Checks that every container runs as a user other than root.",
  cause:
    "A container sets no `user`, so it runs as the image's user (root unless the image says otherwise), or sets " +
    "`root`, `0` or `0:<gid>`.",
  rationale:
    "Root in the container owns everything the container can reach: its files, its mounts, and whatever a kernel or " +
    "runtime flaw lets out. A numeric unprivileged user is stated in the task definition, where review sees it, " +
    "rather than left to whatever the image was built with.",
  notCovered:
    "Whether the image's own `USER` is unprivileged (an unset `user` is reported even then); Windows containers; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: 'Set `user` on the container to an unprivileged user, numeric so it needs no passwd entry (`"1000:1000"`).',
  enforcementLevel: "advisory",
  references: [
    "AWS Config ecs-task-definition-nonroot-user",
    "AWS Config ecs-task-definition-linux-user-non-root",
    "AWS Control Tower CT.ECS.PR.3",
  ],
  checkTask(task, { report }) {
    checkEachContainer(task, (container) => {
      const user: unknown = container.definition.user;
      if (!runsAsRoot(user)) return;
      const what = typeof user === "string" && user.trim() !== "" ? `runs as ${code(user)}` : "sets no `user`";
      report(
        `Container ${code(container.name)} ${what}, so it runs as root: set \`${container.path}.user\` to an ` +
          'unprivileged numeric user such as "1000:1000".',
      );
    });
  },
});

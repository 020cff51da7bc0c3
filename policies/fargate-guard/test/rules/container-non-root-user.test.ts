import { startInProcessPack } from "../support/in-process";
import { awsxFargateTaskDefinition, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "container-non-root-user";

describe("container-non-root-user", () => {
  it.each(["1000:1000", "1000", "app", "nobody:nogroup", "10001:0"])("accepts the user %s", async (user) => {
    expect(summarize(await pack.analyze(taskDefinition({ containers: [container({ user })] })))).toEqual([]);
  });

  it("rejects a container that sets no user (advisory by default)", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ user: undefined })] })),
      rule,
    );
    expect(finding.enforcementLevel).toBe("advisory");
    expect(finding.detail).toBe(
      "Container `app` sets no `user`, so it runs as root: set `containerDefinitions[0].user` to an unprivileged " +
        'numeric user such as "1000:1000".',
    );
  });

  it.each(["root", "0", "0:0", "root:app", "000"])("rejects the user %s", async (user) => {
    const fixture = awsxFargateTaskDefinition({ container: container({ user }) });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toBe(
      `Container \`app\` runs as \`${user}\`, so it runs as root: set \`container.user\` to an unprivileged numeric ` +
        'user such as "1000:1000".',
    );
  });
});

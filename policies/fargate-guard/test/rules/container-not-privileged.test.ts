import { startInProcessPack } from "../support/in-process";
import { awsxFargateTaskDefinition, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "container-not-privileged";

describe("container-not-privileged", () => {
  it("accepts containers with privileged unset or false", async () => {
    const containers = [container(), container({ name: "sidecar", privileged: false })];
    expect(summarize(await pack.analyze(taskDefinition({ containers })))).toEqual([]);
  });

  it("rejects a privileged raw container, mandatory by default", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ privileged: true })] })),
      rule,
    );
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      "Container `app` is privileged: it is root on the host (and Fargate refuses it). Remove " +
        "`containerDefinitions[0].privileged`.",
    );
  });

  it("rejects each privileged container of an awsx task definition on its own", async () => {
    const fixture = awsxFargateTaskDefinition({
      container: undefined,
      containers: { agent: container({ privileged: true }), web: container({ privileged: true }) },
    });
    const findings = await pack.analyze(fixture);
    expect(findings.map((f) => [f.policyName, f.detail.split(":")[0]])).toEqual([
      [rule, "Container `agent` is privileged"],
      [rule, "Container `web` is privileged"],
    ]);
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateTaskDefinition, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "no-host-namespaces";

describe("no-host-namespaces", () => {
  it("accepts awsvpc networking and task-scoped pid and ipc namespaces", async () => {
    expect(summarize(await pack.analyze(taskDefinition({ pidMode: "task", ipcMode: "none" })))).toEqual([]);
  });

  it.each([
    ["pidMode", "process", "task"],
    ["ipcMode", "IPC", "task"],
    ["networkMode", "network", "awsvpc"],
  ])("rejects %s host on a raw task definition, mandatory by default", async (key, namespace, instead) => {
    const finding = onlyFinding(await pack.analyze(taskDefinition({ [key]: "host" })), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `\`${key}\` is \`host\`: the task shares the host's ${namespace} namespace. Set it to \`${instead}\` or remove it.`,
    );
  });

  it("rejects pidMode host on an awsx task definition", async () => {
    expect(onlyFinding(await pack.analyze(awsxFargateTaskDefinition({ pidMode: "host" })), rule).detail).toMatch(
      /^`pidMode` is `host`/,
    );
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "no-added-capabilities";
const adding = (...add: string[]) =>
  taskDefinition({ containers: [container({ linuxParameters: { capabilities: { add, drop: ["ALL"] } } })] });

describe("no-added-capabilities", () => {
  it("accepts containers that only drop capabilities", async () => {
    expect(summarize(await pack.analyze(adding()))).toEqual([]);
  });

  it("rejects added capabilities in one finding per container, mandatory by default", async () => {
    const finding = onlyFinding(await pack.analyze(adding("SYS_ADMIN", "NET_ADMIN")), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      "Container `app` adds `SYS_ADMIN` and `NET_ADMIN` in `containerDefinitions[0].linuxParameters.capabilities.add`: " +
        "remove them, or list a capability it truly needs in `allowedCapabilities`.",
    );
  });

  it("accepts what allowedCapabilities lists, and still rejects the rest", async () => {
    await pack.configure({ [rule]: { allowedCapabilities: ["SYS_PTRACE"] } });
    try {
      expect(summarize(await pack.analyze(adding("SYS_PTRACE")))).toEqual([]);
      expect(onlyFinding(await pack.analyze(adding("SYS_PTRACE", "ALL")), rule).detail).toMatch(
        /^Container `app` adds `ALL` in/,
      );
    } finally {
      await pack.configure({});
    }
  });

  it("rejects an added capability in an awsx service's container", async () => {
    const fixture = awsxFargateService({
      taskDefinitionArgs: {
        ...(awsxFargateService().props.taskDefinitionArgs as object),
        container: container({ linuxParameters: { capabilities: { add: ["SYS_PTRACE"] } } }),
      },
    });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toContain(
      "`taskDefinitionArgs.container.linuxParameters.capabilities.add`",
    );
  });
});

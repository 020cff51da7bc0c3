import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "fargate-platform-version";

describe("fargate-platform-version", () => {
  it.each([undefined, "LATEST", "1.4.0", "1.10.0"])("accepts platformVersion %s", async (platformVersion) => {
    expect(summarize(await pack.analyze(awsxFargateService({ platformVersion })))).toEqual([]);
  });

  it("rejects a version older than 1.4.0 (advisory by default)", async () => {
    const finding = onlyFinding(await pack.analyze(awsxFargateService({ platformVersion: "1.3.0" })), rule);
    expect(finding.enforcementLevel).toBe("advisory");
    expect(finding.detail).toBe(
      '`platformVersion` is `1.3.0`, older than `1.4.0` or not a version: remove it so Fargate runs `LATEST`, or set it to "LATEST".',
    );
  });

  it("compares versions by number, and takes its minimum from config", async () => {
    const service = (platformVersion: string) =>
      resource("aws:ecs/service:Service", "api", {
        launchType: "FARGATE",
        platformVersion,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        alarms: { alarmNames: ["api-5xx"], enable: true, rollback: true },
      });
    expect(summarize(await pack.analyze(service("1.10.0")))).toEqual([]);
    expect(onlyFinding(await pack.analyze(service("1.4")), rule).detail).toMatch(/^`platformVersion` is `1\.4`/);
    await pack.configure({ [rule]: { minimumVersion: "1.11.0" } });
    try {
      expect(onlyFinding(await pack.analyze(service("1.10.0")), rule).detail).toContain("older than `1.11.0`");
    } finally {
      await pack.configure({});
    }
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "no-public-ip";

describe("no-public-ip", () => {
  it("accepts tasks without public IPs", async () => {
    expect(summarize(await pack.analyze(awsxFargateService()))).toEqual([]);
  });

  it("rejects assignPublicIp in an ECS service's network configuration", async () => {
    const service = resource("aws:ecs/service:Service", "api", {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ["api-5xx"], enable: true, rollback: true },
      networkConfiguration: { subnets: ["subnet-0a"], assignPublicIp: true },
    });
    const finding = onlyFinding(await pack.analyze(service), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toContain("`networkConfiguration.assignPublicIp` is true");
  });

  it("rejects awsx's assignPublicIp shortcut", async () => {
    const service = awsxFargateService({ networkConfiguration: undefined, assignPublicIp: true });
    expect(onlyFinding(await pack.analyze(service), rule).detail).toContain(
      "`assignPublicIp` is true: awsx puts the tasks in public subnets",
    );
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "deployment-alarm-rollback";
const ecsService = (props: Record<string, unknown>) =>
  resource("aws:ecs/service:Service", "api", {
    taskDefinition: "api:1",
    networkConfiguration: { subnets: ["subnet-0a"], assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    alarms: { alarmNames: ["api-5xx", "api-unhealthy-hosts"], enable: true, rollback: true },
    ...props,
  });

describe("deployment-alarm-rollback", () => {
  it("accepts alarms that roll back, and services another controller deploys", async () => {
    expect(summarize(await pack.analyze(ecsService({})))).toEqual([]);
    const external = ecsService({ alarms: undefined, deploymentController: { type: "EXTERNAL" } });
    expect(summarize(await pack.analyze(external))).toEqual([]);
  });

  it("asks every ECS strategy for alarms: blue/green, canary and linear roll back on them too", async () => {
    const findings = await Promise.all(
      ["BLUE_GREEN", "CANARY", "LINEAR"].map(async (strategy) =>
        onlyFinding(await pack.analyze(ecsService({ alarms: undefined, deploymentConfiguration: { strategy } })), rule),
      ),
    );
    expect(findings.map((finding) => finding.detail.startsWith("The service has no `alarms`"))).toEqual([
      true,
      true,
      true,
    ]);
    const blueGreen = { deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" } };
    expect(summarize(await pack.analyze(awsxFargateService(blueGreen)))).toEqual([]);
  });

  it("rejects a service without alarms (advisory by default)", async () => {
    const finding = onlyFinding(await pack.analyze(ecsService({ alarms: undefined })), rule);
    expect(finding.enforcementLevel).toBe("advisory");
    expect(finding.detail).toMatch(/^The service has no `alarms`: a deployment that starts but fails its users/);
  });

  it("rejects an awsx service whose alarms do not roll back", async () => {
    const fixture = awsxFargateService({ alarms: { alarmNames: ["api-5xx"], enable: true, rollback: false } });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toBe(
      "`alarms` has `rollback`: `false`: set both `enable` and `rollback` to true.",
    );
  });

  it("rejects alarms that name no alarm", async () => {
    const fixture = ecsService({ alarms: { alarmNames: [], enable: true, rollback: true } });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toBe(
      "`alarms.alarmNames` is empty: name the alarms that should roll a deployment back.",
    );
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "deployment-circuit-breaker";
const ecsService = (props: Record<string, unknown>) =>
  resource("aws:ecs/service:Service", "api", {
    taskDefinition: "api:1",
    networkConfiguration: { subnets: ["subnet-0a"], assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    alarms: { alarmNames: ["api-5xx"], enable: true, rollback: true },
    ...props,
  });

describe("deployment-circuit-breaker", () => {
  it("accepts the circuit breaker with rollback, and services another controller deploys", async () => {
    expect(summarize(await pack.analyze(ecsService({})))).toEqual([]);
    expect(
      summarize(
        await pack.analyze(
          ecsService({ deploymentCircuitBreaker: undefined, deploymentController: { type: "CODE_DEPLOY" } }),
        ),
      ),
    ).toEqual([]);
  });

  it("asks a blue/green service for the circuit breaker as a rolling one, and not a canary or linear one", async () => {
    const strategy = (name: string) => ({
      deploymentCircuitBreaker: undefined,
      deploymentConfiguration: { strategy: name },
    });
    const finding = onlyFinding(await pack.analyze(ecsService(strategy("BLUE_GREEN"))), rule);
    expect(finding.detail).toContain("has no `deploymentCircuitBreaker`");
    expect(summarize(await pack.analyze(awsxFargateService(strategy("CANARY"))))).toEqual([]);
    expect(summarize(await pack.analyze(ecsService(strategy("LINEAR"))))).toEqual([]);
  });

  it("accepts a blue/green service with the circuit breaker, as prod deploys it", async () => {
    const blueGreen = { deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" } };
    expect(summarize(await pack.analyze(awsxFargateService(blueGreen)))).toEqual([]);
  });

  it("rejects an ECS service without the circuit breaker (advisory by default)", async () => {
    const finding = onlyFinding(await pack.analyze(ecsService({ deploymentCircuitBreaker: undefined })), rule);
    expect(finding.enforcementLevel).toBe("advisory");
    expect(finding.detail).toContain("has no `deploymentCircuitBreaker`");
  });

  it("rejects an awsx service whose circuit breaker does not roll back", async () => {
    const finding = onlyFinding(
      await pack.analyze(awsxFargateService({ deploymentCircuitBreaker: { enable: true, rollback: false } })),
      rule,
    );
    expect(finding.detail).toBe(
      "`deploymentCircuitBreaker` has `rollback`: `false`: set both `enable` and `rollback` to true.",
    );
  });
});

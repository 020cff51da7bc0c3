import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "deployment-traffic-shift";
const TG = (name: string) =>
  `arn:aws:elasticloadbalancing:eu-central-1:111111111111:targetgroup/${name}/0123456789abcdef`;
const advancedConfiguration = {
  alternateTargetGroupArn: TG("api-alternate"),
  productionListenerRule:
    "arn:aws:elasticloadbalancing:eu-central-1:111111111111:listener-rule/app/shared/0123456789abcdef/fedcba9876543210/00112233aabbccdd",
  roleArn: "arn:aws:iam::111111111111:role/api-traffic",
};
const blueGreen = (loadBalancer: Record<string, unknown>, strategy = "BLUE_GREEN") => ({
  deploymentConfiguration: { strategy, bakeTimeInMinutes: "15" },
  loadBalancers: [{ targetGroupArn: TG("api"), containerName: "app", containerPort: 8098, ...loadBalancer }],
});
const ecsService = (props: Record<string, unknown>) =>
  resource("aws:ecs/service:Service", "api", {
    taskDefinition: "api:1",
    networkConfiguration: { subnets: ["subnet-0a"], assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    alarms: { alarmNames: ["api-5xx"], enable: true, rollback: true },
    ...props,
  });

describe("deployment-traffic-shift", () => {
  it("accepts a blue/green service whose load balancer names the alternate group, the rule and the role, and a rolling one without", async () => {
    expect(summarize(await pack.analyze(awsxFargateService(blueGreen({ advancedConfiguration }))))).toEqual([]);
    const rolling = { loadBalancers: blueGreen({}).loadBalancers };
    expect(summarize(await pack.analyze(ecsService(rolling)))).toEqual([]);
  });

  it("rejects a blue/green service without advancedConfiguration, as a deploy ECS refuses (mandatory)", async () => {
    const finding = onlyFinding(await pack.analyze(ecsService(blueGreen({}))), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      "`loadBalancers[0]` of this BLUE_GREEN service has no `alternateTargetGroupArn`, `productionListenerRule` and " +
        "`roleArn` in `advancedConfiguration`: ECS cannot shift its traffic and refuses the deployment. Name the " +
        "alternate target group, the production listener rule and the role ECS shifts traffic with.",
    );
  });

  it("rejects a canary service whose advancedConfiguration has no role", async () => {
    const { roleArn: _, ...withoutRole } = advancedConfiguration;
    const finding = onlyFinding(
      await pack.analyze(awsxFargateService(blueGreen({ advancedConfiguration: withoutRole }, "CANARY"))),
      rule,
    );
    expect(finding.detail).toMatch(/^`loadBalancers\[0\]` of this CANARY service has no `roleArn` in/);
  });
});

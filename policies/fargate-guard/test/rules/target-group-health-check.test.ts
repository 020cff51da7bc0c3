import { startInProcessPack } from "../support/in-process";
import { resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "target-group-health-check";
const healthCheck = { enabled: true, path: "/actuator/health", matcher: "200", interval: 15, healthyThreshold: 2 };
const targetGroup = (type: string, props: Record<string, unknown>) =>
  resource(type, "api", { port: 8098, protocol: "HTTP", targetType: "ip", vpcId: "vpc-0a", healthCheck, ...props });

describe("target-group-health-check", () => {
  it.each(["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"])(
    "accepts an explicit health check (%s)",
    async (type) => {
      expect(summarize(await pack.analyze(targetGroup(type, {})))).toEqual([]);
    },
  );

  it("accepts a Lambda target group without one", async () => {
    expect(
      summarize(
        await pack.analyze(
          targetGroup("aws:lb/targetGroup:TargetGroup", { targetType: "lambda", healthCheck: undefined }),
        ),
      ),
    ).toEqual([]);
  });

  it.each(["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"])(
    "rejects a target group left on the defaults (%s)",
    async (type) => {
      const finding = onlyFinding(await pack.analyze(targetGroup(type, { healthCheck: undefined })), rule);
      expect(finding.enforcementLevel).toBe("advisory");
      expect(finding.detail).toBe(
        "The target group has no `healthCheck`, so it probes the defaults: declare one with the service's health path.",
      );
    },
  );

  it("rejects a disabled health check and an HTTP check without a path", async () => {
    const disabled = onlyFinding(
      await pack.analyze(targetGroup("aws:lb/targetGroup:TargetGroup", { healthCheck: { enabled: false } })),
      rule,
    );
    expect(disabled.detail).toContain("disables its health check");
    const noPath = onlyFinding(
      await pack.analyze(
        targetGroup("aws:alb/targetGroup:TargetGroup", { healthCheck: { enabled: true, matcher: "200" } }),
      ),
      rule,
    );
    expect(noPath.detail).toContain("checks health over `HTTP` without a `healthCheck.path`");
  });

  it("checks an awsx ApplicationLoadBalancer's defaultTargetGroup", async () => {
    const alb = resource("awsx:lb:ApplicationLoadBalancer", "web", {
      listener: { port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }] },
      defaultTargetGroup: { port: 8098, protocol: "HTTP", targetType: "ip" },
    });
    expect(onlyFinding(await pack.analyze(alb), rule).detail).toContain("`defaultTargetGroup` has no `healthCheck`");
  });
});

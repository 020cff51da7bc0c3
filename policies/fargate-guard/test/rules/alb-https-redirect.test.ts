import { startInProcessPack } from "../support/in-process";
import { resource } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "alb-https-redirect";
const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const forward = {
  type: "forward",
  targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef",
};
const listener = (type: string, props: Record<string, unknown>) =>
  resource(type, "http", { loadBalancerArn: "arn:lb", ...props });

describe("alb-https-redirect", () => {
  it.each(["aws:lb/listener:Listener", "aws:alb/listener:Listener"])(
    "accepts an HTTP listener that redirects and an HTTPS listener (%s)",
    async (type) => {
      expect(
        summarize(await pack.analyze(listener(type, { port: 80, protocol: "HTTP", defaultActions: [redirect] }))),
      ).toEqual([]);
      expect(
        summarize(
          await pack.analyze(
            listener(type, { port: 443, protocol: "HTTPS", certificateArn: "arn:cert", defaultActions: [forward] }),
          ),
        ),
      ).toEqual([]);
    },
  );

  it.each(["aws:lb/listener:Listener", "aws:alb/listener:Listener"])(
    "rejects an HTTP listener that forwards (%s)",
    async (type) => {
      const finding = onlyFinding(
        await pack.analyze(listener(type, { port: 80, protocol: "HTTP", defaultActions: [forward] })),
        rule,
      );
      expect(finding.enforcementLevel).toBe("advisory");
      expect(finding.detail).toBe(
        "The listener serves HTTP on port 80 and defaults to `forward`: make its only default action a redirect to HTTPS.",
      );
    },
  );

  it("treats a listener without protocol as HTTP, as ALBs do", async () => {
    expect(
      onlyFinding(
        await pack.analyze(listener("aws:lb/listener:Listener", { port: 8080, defaultActions: [forward] })),
        rule,
      ).detail,
    ).toContain("serves HTTP on port 8080");
  });

  it("rejects the plain HTTP listener awsx creates when an ApplicationLoadBalancer declares none", async () => {
    const alb = resource("awsx:lb:ApplicationLoadBalancer", "web", { subnetIds: ["subnet-0a", "subnet-0b"] });
    expect(onlyFinding(await pack.analyze(alb), rule).detail).toMatch(
      /awsx creates an HTTP listener on port 80 .*: take control of it by passing `listeners` to awsx\.lb\.ApplicationLoadBalancer/,
    );
  });

  it("checks each listener an awsx ApplicationLoadBalancer declares", async () => {
    const alb = resource("awsx:lb:ApplicationLoadBalancer", "web", {
      listeners: [
        { port: 443, protocol: "HTTPS", certificateArn: "arn:cert" },
        { port: 80, protocol: "HTTP", defaultActions: [forward] },
      ],
    });
    expect(onlyFinding(await pack.analyze(alb), rule).detail).toContain(
      "Listener `listeners[1]` serves HTTP on port 80",
    );
  });

  it("is mandatory once prod config says so", async () => {
    await pack.configure({ [rule]: "mandatory" });
    try {
      const finding = onlyFinding(
        await pack.analyze(
          listener("aws:lb/listener:Listener", { port: 80, protocol: "HTTP", defaultActions: [forward] }),
        ),
        rule,
      );
      expect(finding.enforcementLevel).toBe("mandatory");
    } finally {
      await pack.configure({});
    }
  });
});

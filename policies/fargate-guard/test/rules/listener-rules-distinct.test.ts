// Services share networking's listener; each service stack adds its own rule and exports it as `routing`. A
// service stack that reads another's outputs (through @platform/contracts, its upstream-stack component) is judged against that stack's rule.
import { analyzeAll } from "../support/driver";
import { onlyFinding, summarize } from "../support/expect-findings";
import { repositoryConfigs } from "../support/execution-role-grants";
import { resource } from "../support/fixtures";
import { startInProcessPack } from "../support/in-process";
import { FIXTURE_PROJECT } from "../support/requests";

const pack = startInProcessPack();
const rule = "listener-rules-distinct";
const LISTENER =
  "arn:aws:elasticloadbalancing:eu-central-1:111111111111:listener/app/app-dev/0123456789abcdef/fedcba9876543210";
const OTHER_LISTENER = LISTENER.replace(/fedcba9876543210$/, "0011223344556677");

const listenerRule = (name: string, priority: number, conditions: object[], listenerArn = LISTENER) =>
  resource("aws:lb/listenerRule:ListenerRule", name, {
    listenerArn,
    priority,
    conditions,
    actions: [
      {
        type: "forward",
        targetGroupArn: `arn:aws:elasticloadbalancing:eu-central-1:111111111111:targetgroup/${name}/0123456789abcdef`,
      },
    ],
  });
const paths = (...values: string[]) => ({ pathPattern: { values } });
const hosts = (...values: string[]) => ({ hostHeader: { values } });

/** Another service stack's outputs, as this stack's upstream-stack component for it holds them (the service contract). */
const serviceStack = (stack: string, routing: object) =>
  resource("platform:contracts:UpstreamStack", stack, {
    name: stack,
    outputs: { clusterName: "c", serviceName: "s", url: "http://alb", image: "nginx", routing },
  });
const shop = serviceStack("acme/shop/dev", { listenerArn: LISTENER, priority: 10, paths: ["/shop/*"], hosts: [] });

describe.each(["dev", "prod"])("listener-rules-distinct with config/%s.json", (env) => {
  beforeAll(() => pack.configure(repositoryConfigs[env]!));

  it("accepts services with their own priorities and paths on one listener", async () => {
    const own = listenerRule("service-dev", 1000, [paths("/*")]);
    expect(summarize(await analyzeAll(pack, [shop, own]))).toEqual([]);
  });

  it("refuses, as mandatory, a rule with the priority another service stack exports for the same listener", async () => {
    const own = listenerRule("cart-dev", 10, [paths("/cart/*")]);
    const finding = onlyFinding(await analyzeAll(pack, [shop, own]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `Listener rule \`cart-dev\` has priority 10 on listener \`${LISTENER}\`, as the service of stack ` +
        "`acme/shop/dev` does: the ALB refuses a second rule with a taken priority, so the later deploy fails. " +
        "Give one of them a priority of its own.",
    );
  });

  it("refuses a rule that matches the same paths as another service, whatever their order", async () => {
    const other = serviceStack("acme/shop/dev", {
      listenerArn: LISTENER,
      priority: 10,
      paths: ["/shop/*", "/basket/*"],
      hosts: ["Shop.Example.com"],
    });
    const own = listenerRule("cart-dev", 20, [paths("/basket/*", "/shop/*"), hosts("shop.example.com")]);
    const finding = onlyFinding(await analyzeAll(pack, [other, own]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toContain(
      "matches the same requests (hosts shop.example.com; paths /basket/*, /shop/*) on listener",
    );
    expect(finding.detail).toContain("as the service of stack `acme/shop/dev`: only the rule with the lower priority");
  });

  it("judges two rules of one stack against each other", async () => {
    const first = listenerRule("a", 5, [paths("/a/*")]);
    const second = listenerRule("b", 5, [paths("/b/*")]);
    expect(onlyFinding(await analyzeAll(pack, [first, second]), rule).detail).toContain(
      "Listener rule `b` has priority 5 on listener",
    );
  });

  it("accepts the same priority and paths on another listener, and a path that differs only in a further condition", async () => {
    const elsewhere = listenerRule("cart-dev", 10, [paths("/shop/*")], OTHER_LISTENER);
    const narrower = listenerRule("beta-dev", 11, [
      paths("/shop/*"),
      { httpHeader: { httpHeaderName: "x-beta", values: ["1"] } },
    ]);
    expect(summarize(await analyzeAll(pack, [shop, elsewhere, narrower]))).toEqual([]);
  });

  it("reads only service stacks: networking's outputs carry no rule", async () => {
    // A priority and path no service of the repository's config uses: only networking's outputs could clash.
    expect(summarize(await analyzeAll(pack, [networking, listenerRule("x", 500, [paths("/x/*")])]))).toEqual([]);
  });
});

/** networking's outputs as a service stack reads them: the shared listener. */
const networking = resource("platform:contracts:UpstreamStack", "acme/networking/dev", {
  name: "acme/networking/dev",
  outputs: { listenerArn: LISTENER },
});

describe("listener-rules-distinct with the environment's services in its config", () => {
  const services = [
    { project: "shop", priority: 10, paths: ["/shop/*"], hosts: [] },
    { project: FIXTURE_PROJECT, priority: 20, paths: ["/cart/*"], hosts: [] },
  ];
  beforeAll(() =>
    pack.configure({ ...repositoryConfigs["dev"]!, [rule]: { enforcementLevel: "mandatory", services } }),
  );

  it("refuses a rule on the shared listener with another configured service's priority, with no stack reference to it", async () => {
    const own = listenerRule("cart-dev", 10, [paths("/cart/*")]);
    const finding = onlyFinding(await analyzeAll(pack, [networking, own]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `Listener rule \`cart-dev\` has priority 10 on listener \`${LISTENER}\`, as the service \`shop\` (the rule's ` +
        "`services` config) does: the ALB refuses a second rule with a taken priority, so the later deploy fails. " +
        "Give one of them a priority of its own.",
    );
  });

  it("refuses a rule that matches another configured service's paths", async () => {
    const own = listenerRule("cart-dev", 20, [paths("/shop/*")]);
    expect(onlyFinding(await analyzeAll(pack, [networking, own]), rule).detail).toContain(
      "matches the same requests (paths /shop/*) on listener",
    );
  });

  it("does not hold a stack against its own entry, nor judge a listener that is not networking's", async () => {
    const own = listenerRule("cart-dev", 20, [paths("/cart/*")]);
    const elsewhere = listenerRule("other-dev", 10, [paths("/shop/*")], OTHER_LISTENER);
    expect(summarize(await analyzeAll(pack, [networking, own, elsewhere]))).toEqual([]);
  });

  it("judges a service it reads through @platform/contracts from that stack's outputs, once", async () => {
    const own = listenerRule("cart-dev", 10, [paths("/cart/*")]);
    const findings = (await analyzeAll(pack, [networking, shop, own])).filter((f) => f.policyName === rule);
    expect(findings.map((f) => f.detail)).toEqual([expect.stringContaining("as the service of stack `acme/shop/dev`")]);
  });
});

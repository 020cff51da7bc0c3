// Services share networking's listener; each service stack adds its own rule and exports it as `routing`. A
// service stack that reads another's outputs through a StackReference is judged against that stack's rule.
import { analyzeAll } from "../support/driver";
import { onlyFinding, summarize } from "../support/expect-findings";
import { repositoryConfigs } from "../support/execution-role-grants";
import { resource } from "../support/fixtures";
import { startInProcessPack } from "../support/in-process";

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

/** Another service stack's outputs, as this stack's StackReference to it holds them (the service contract). */
const serviceStack = (stack: string, routing: object) =>
  resource("pulumi:pulumi:StackReference", stack, {
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
    const networking = resource("pulumi:pulumi:StackReference", "acme/networking/dev", {
      name: "acme/networking/dev",
      outputs: { listenerArn: LISTENER },
    });
    expect(summarize(await analyzeAll(pack, [networking, listenerRule("x", 10, [paths("/shop/*")])]))).toEqual([]);
  });
});

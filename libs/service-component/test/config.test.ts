// serviceConfig, the stack file's keys with the environment's defaults: each default, and each error with its key.
import { staticConfigSource } from "@platform/config";
import { environmentDefaults } from "@platform/config/environments";
import { serviceConfig } from "../src";

const TAG = "ghcr.io/acme/svc-private:1.0";
const DIGEST = `ghcr.io/acme/svc-private@sha256:${"0123456789abcdef".repeat(4)}`;
const config = (env: string, values: Record<string, string> = {}) =>
  serviceConfig(staticConfigSource(env, { "svc:image": TAG, "svc:listenerPriority": "100", ...values }), "svc");
/** The message of the ConfigError that `values` cause. */
const problem = (env: string, values: Record<string, string>) => {
  try {
    config(env, values);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`serviceConfig accepted ${JSON.stringify(values)} in ${env}`);
};

describe("serviceConfig's defaults", () => {
  it.each(["dev", "staging", "prod"] as const)("takes %s's profile for what it does not set", (env) => {
    const d = environmentDefaults(env);
    const image = env === "dev" ? TAG : DIGEST;
    expect(config(env, { "svc:image": image })).toEqual({
      name: "svc",
      env,
      image: expect.objectContaining({ original: image, host: "ghcr.io" }) as unknown,
      cpu: 512,
      memory: 1024,
      containerMemory: 768,
      desiredCount: d.desiredCount,
      autoscaling: d.autoscaling,
      logRetentionDays: d.logRetentionDays,
      requireDigest: d.requireDigest,
      retainLogs: d.destroyProtection,
      healthCheckGracePeriodSeconds: 90,
      healthCheckPath: "/actuator/health",
      deregistrationDelaySeconds: 30,
      user: "1000:1000",
      deploymentAlarms: true,
      writablePaths: ["/tmp"],
      deployment: d.deployment,
      routing: { priority: 100, paths: ["/*"], hosts: [] },
      publicImagePrefixes: d.publicImagePrefixes,
    });
  });

  it("matches a service with hosts and no paths by host alone, and keeps an organization it is given", () => {
    const c = config("dev", { "svc:hosts": '["shop.example.com"]', "svc:org": "acme" });
    expect([c.routing, c.org]).toEqual([{ priority: 100, paths: [], hosts: ["shop.example.com"] }, "acme"]);
  });

  it("lets a stack file turn the digest requirement off, and dev's on", () => {
    expect(config("prod", { "svc:requireDigest": "false" }).image.original).toBe(TAG);
    expect(problem("dev", { "svc:requireDigest": "true" })).toContain("dev runs only images pinned by digest");
  });
});

describe("serviceConfig's deployment strategy", () => {
  const FORMER =
    "arn:aws:elasticloadbalancing:eu-central-1:333333333333:targetgroup/app-prod-service-544b4f6/544b4f685302b2b5";
  it("deploys blue/green in staging and prod and rolling in dev, from the profiles", () => {
    expect(["dev", "staging", "prod"].map((env) => config(env, { "svc:image": DIGEST }).deployment)).toEqual([
      { strategy: "rolling" },
      { strategy: "blue-green", bakeTimeInMinutes: 5 },
      { strategy: "blue-green", bakeTimeInMinutes: 15 },
    ]);
  });

  it("takes a service's own strategy over the profile's, either way", () => {
    const blueGreen = { "svc:deployment": '{"strategy":"blue-green","bakeTimeInMinutes":3}' };
    expect(config("dev", blueGreen).deployment).toEqual({ strategy: "blue-green", bakeTimeInMinutes: 3 });
    const rolling = { "svc:image": DIGEST, "svc:deployment": '{"strategy":"rolling"}' };
    expect(config("prod", rolling).deployment).toEqual({ strategy: "rolling" });
  });

  it("deploys rolling while the cut-over's first step holds the former target group", () => {
    const firstStep = { "svc:image": DIGEST, "svc:formerTargetGroupArn": FORMER };
    expect(config("prod", firstStep).deployment).toEqual({ strategy: "rolling" });
  });

  it.each([
    [
      "blue/green asked for during the cut-over's first step",
      { "svc:formerTargetGroupArn": FORMER, "svc:deployment": '{"strategy":"blue-green","bakeTimeInMinutes":15}' },
      "a blue/green deployment starts after the cut-over's first step",
    ],
    [
      "a bake time beyond ECS's 1440 minutes",
      { "svc:deployment": '{"strategy":"blue-green","bakeTimeInMinutes":2000}' },
      "`svc:deployment`",
    ],
    [
      "a bake time on a rolling deployment",
      { "svc:deployment": '{"strategy":"rolling","bakeTimeInMinutes":5}' },
      "{ strategy: rolling } or { strategy: blue-green, bakeTimeInMinutes: <0 to 1440> }",
    ],
  ])("refuses %s, naming the key and the fix", (_what, values, message) => {
    const text = problem("prod", { "svc:image": DIGEST, ...values });
    expect(text).toContain(message);
    expect(text).toContain("Fix: set `svc:deployment`");
  });
});

const TAGGED = {};
describe("serviceConfig's refusals", () => {
  it.each([
    [
      "a memory size the CPU does not allow",
      { "svc:cpu": "256", "svc:memory": "4096" },
      "`svc:cpu` is 256, so `svc:memory` must be",
    ],
    [
      "a container with more memory than its task",
      { "svc:memory": "1024", "svc:containerMemory": "2048" },
      "the container cannot have more memory than its task (`svc:memory` is 1024)",
    ],
    ["a tag in prod", TAGGED, "prod runs only images pinned by digest"],
    [
      "an autoscaling minimum above its maximum",
      { "svc:autoscaling": '{"minCapacity":5,"maxCapacity":2,"cpuTargetPercent":50}' },
      "`svc:autoscaling`",
    ],
    [
      "a desired count outside the autoscaling range",
      { "svc:desiredCount": "9", "svc:autoscaling": '{"minCapacity":1,"maxCapacity":4,"cpuTargetPercent":50}' },
      "autoscaling needs minCapacity <= desiredCount <= maxCapacity (got 1 <= 9 <= 4)",
    ],
    [
      "more than five paths and hosts together",
      { "svc:paths": '["/a", "/b", "/c"]', "svc:hosts": '["a.example.com", "b.example.com", "c.example.com"]' },
      "an ALB listener rule matches at most 5 paths and hosts together",
    ],
    [
      "root as the container's user",
      { "svc:user": "0:0" },
      '`svc:user` is "0:0" in Pulumi.prod.yaml: a user other than root (0)',
    ],
    ["a relative writable path", { "svc:writablePaths": '["tmp"]' }, "`svc:writablePaths`"],
    [
      "the former stack key publicImagePrefixes",
      { "svc:publicImagePrefixes": '["docker.io/library/"]' },
      "this is no longer a stack key: public image prefixes are part of the environment profile",
    ],
  ])("refuses %s, naming the key", (_what, values, message) => {
    expect(problem("prod", { "svc:image": values === TAGGED ? TAG : DIGEST, ...values })).toContain(message);
  });
});

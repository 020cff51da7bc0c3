// Adding an environment is one profile and the stack files: this adds `qa` to a scratch copy of the workspace,
// regenerates the pack config as the drift test tells you to, and plans qa end to end.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { planCli, type CliRun } from "./support/plan-cli";
import { scratchWorkspace } from "@platform/testing";
import { ENVIRONMENT_PROFILES } from "@platform/config/environments";

/** qa: staging's strictness, but images must be pinned by digest, and the public prefixes of dev plus one. */
const QA_LEVELS = {
  "execution-role-managed-policies": "mandatory",
  "fargate-task-size": "mandatory",
  "container-logging": "mandatory",
  "no-secrets-in-environment": "mandatory",
  "separate-task-and-execution-roles": "mandatory",
  "deployment-circuit-breaker": "mandatory",
  "no-public-ip": "mandatory",
  "target-group-health-check": "mandatory",
  "alb-https-redirect": "advisory",
  "kms-key-rotation": "mandatory",
  "ecs-trust-confused-deputy": "mandatory",
  "image-digest-pinned": "mandatory",
};

const QA_PROFILE = `  qa: {
    natGateways: "single",
    desiredCount: 2,
    autoscaling: { minCapacity: 2, maxCapacity: 3, cpuTargetPercent: 60 },
    logRetentionDays: 14,
    customerManagedKey: false,
    recoveryWindowInDays: 7,
    destroyProtection: false,
    publicImagePrefixes: [...PUBLIC_IMAGES, "docker.io/library/"],
    refuseConfigWithoutLevels: true,
    deployment: { strategy: "blue-green", bakeTimeInMinutes: 5 },
    policyLevels: ${JSON.stringify(QA_LEVELS)},
  },
`;

let root: string;
let run: CliRun;
let projects: string[];

beforeAll(async () => {
  root = scratchWorkspace("reshape-qa-");
  const profiles = path.join(root, "libs/config/src/environments.ts");
  const text = fs.readFileSync(profiles, "utf8");
  const end = "} as const satisfies Record<string, EnvironmentProfile>;";
  if (!text.includes(end)) throw new Error(`libs/config/src/environments.ts no longer ends its profiles with ${end}`);
  fs.writeFileSync(profiles, text.replace(end, `${QA_PROFILE}${end}`));
  projects = fs
    .readdirSync(path.join(root, "projects"))
    // The per-environment projects; delivery's one stack serves the whole repository.
    .filter((p) => fs.existsSync(path.join(root, "projects", p, "Pulumi.staging.yaml")));
  for (const project of projects) {
    const dir = path.join(root, "projects", project);
    const staging = fs.readFileSync(path.join(dir, "Pulumi.staging.yaml"), "utf8");
    fs.writeFileSync(
      path.join(dir, "Pulumi.qa.yaml"),
      staging.replaceAll("staging", "qa").replaceAll("222222222222", "444444444444"),
    );
  }
  execFileSync(
    process.execPath,
    ["--import", "tsx", "policies/fargate-guard/scripts/generate-env-configs.ts", "--write"],
    {
      cwd: root,
    },
  );
  run = await planCli(["--env", "qa", "--json"], root, { workspace: root });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it("generates the pack config of qa from its profile and its services' stack files", () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, "policies/fargate-guard/config/qa.json"), "utf8")) as {
    "listener-rules-distinct": { services: unknown[] };
  };
  // The services' rules come from their qa stack files, which are copies of staging's.
  const services = projects.filter((p) => p !== "networking" && p !== "registry-access");
  expect(config["listener-rules-distinct"].services).toHaveLength(services.length);
  expect(config["listener-rules-distinct"].services).toContainEqual({
    project: "service",
    priority: 1000,
    paths: ["/*"],
    hosts: [],
  });
  expect(config).toEqual({
    "private-image-credentials": {
      publicImagePrefixes: [...ENVIRONMENT_PROFILES.dev.publicImagePrefixes, "docker.io/library/"],
    },
    "listener-rules-distinct": { services: config["listener-rules-distinct"].services },
    ...QA_LEVELS,
  });
});

it("plans every qa stack and runs the pack with qa's levels", () => {
  expect({ code: run.code, stderr: run.code === 0 ? "" : run.stderr }).toEqual({ code: 0, stderr: "" });
  const plan = JSON.parse(run.stdout) as {
    ok: boolean;
    env: string;
    stacks: Array<{
      project: string;
      stack: string;
      error: unknown;
      violations: Array<{ policyName: string; enforcementLevel: string }>;
    }>;
  };
  expect({ ok: plan.ok, env: plan.env }).toEqual({ ok: true, env: "qa" });
  // The upstream stacks first, then every service.
  const services = projects.filter((p) => p !== "networking" && p !== "registry-access").sort();
  expect(plan.stacks.map((s) => [s.project, s.stack, s.error])).toEqual(
    ["networking", "registry-access", ...services].map((project) => [project, "qa", null]),
  );
  const networking = plan.stacks.find((s) => s.project === "networking")!;
  expect(networking.violations.map((v) => [v.policyName, v.enforcementLevel])).toEqual([
    ["alb-https-redirect", "advisory"],
  ]);
});

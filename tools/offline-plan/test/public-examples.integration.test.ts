// fargate-guard with NO config file, against three programs written the way Pulumi's
// public Fargate examples are (an ALB, `assignPublicIp: true`, awsx's default task and execution roles). The
// pack must refuse only what it exists for: a registry image without credentials.
import * as fs from "node:fs";
import * as path from "node:path";
import { planCli, projectArgs, WORKSPACE_ROOT, type CliRun } from "./support/plan-cli";

interface PlanJson {
  ok: boolean;
  stacks: Array<{
    project: string;
    violations: Array<{ policyName: string; enforcementLevel: string; message: string }>;
  }>;
}

const examples = ["public-example-ecr-image", "public-example-ghcr", "public-example-nginx"];
// `example` has no config/example.json beside the pack, so the pack runs on its built-in levels only.
const builtInOnly = [...projectArgs(...examples), "--env", "example", "--json"];

let plain: CliRun;
let plan: PlanJson;

const violationsOf = (json: PlanJson, project: string) =>
  json.stacks.find((stack) => stack.project === project)!.violations;
const mandatory = (json: PlanJson, project: string) =>
  violationsOf(json, project).filter((v) => v.enforcementLevel === "mandatory");

beforeAll(async () => {
  plain = await planCli(builtInOnly);
  plan = JSON.parse(plain.stdout) as PlanJson;
});

it("plans all three examples with the default pack and no pack config file", () => {
  expect(plain.stderr).toContain("policy packs: policies/fargate-guard");
  expect(fs.existsSync(path.join(WORKSPACE_ROOT, "policies", "fargate-guard", "config", "example.json"))).toBe(false);
  expect(plan.stacks.map((stack) => stack.project).sort()).toEqual(examples);
});

it("reports no mandatory finding for an image built by awsx.ecr.Image: its URI is known, in its own ECR repository", () => {
  expect(mandatory(plan, "public-example-ecr-image")).toEqual([]);
  expect(
    violationsOf(plan, "public-example-ecr-image").filter((v) => v.policyName === "private-image-credentials"),
  ).toEqual([]);
  expect(
    violationsOf(plan, "public-example-ecr-image")
      .map((v) => v.message)
      .join("\n"),
  ).not.toContain("Not judged");
});

it("still reports the public IP and awsx's default roles, as advisory findings that say what to pass to awsx", () => {
  const advisory = violationsOf(plan, "public-example-ecr-image").filter((v) => v.enforcementLevel === "advisory");
  expect(advisory.map((v) => v.policyName)).toEqual(
    expect.arrayContaining(["no-public-ip", "ecs-trust-confused-deputy"]),
  );
  // awsx's default task role is reported; its default execution role trusts ecs-tasks without conditions, as
  // AWS documents the execution role (see ecs-trust-confused-deputy), so it is not.
  expect(advisory.map((v) => v.message).join("\n")).toContain("pass its ARN as `taskDefinitionArgs.taskRole.roleArn`");
});

it("refuses a ghcr.io image without credentials with exactly one mandatory finding, naming the image", () => {
  const [only, ...rest] = mandatory(plan, "public-example-ghcr");
  expect(rest).toEqual([]);
  expect(only?.policyName).toBe("private-image-credentials");
  expect(only?.message).toContain("Container `app` pulls `ghcr.io/acme/web-app:1.4` without `repositoryCredentials`");
  expect(only?.message).toContain("a private image answers 401 Unauthorized");
});

it("refuses nginx:1.27 once, for anonymous rate-limited pulls, and names publicImagePrefixes", () => {
  const [only, ...rest] = mandatory(plan, "public-example-nginx");
  expect(rest).toEqual([]);
  expect(only?.policyName).toBe("private-image-credentials");
  expect(only?.message).toContain("ECS pulls it anonymously. Docker Hub rate-limits anonymous pulls per source IP");
  expect(only?.message).toContain("add `docker.io/library/` to `publicImagePrefixes`");
  expect(only?.message).not.toContain("401");
});

it("fails the plan for the two registry images and nothing else", () => {
  expect(plain.code).toBe(1);
  expect(plan.ok).toBe(false);
});

it("accepts nginx:1.27 with no mandatory finding once docker.io/library/ is in publicImagePrefixes", async () => {
  const config = path.join(__dirname, "fixtures", "pack-config", "docker-library-public.json");
  const run = await planCli([
    ...projectArgs("public-example-nginx"),
    "--env",
    "example",
    "--json",
    "--policy-pack",
    "policies/fargate-guard",
    "--policy-pack-config",
    config,
  ]);
  const json = JSON.parse(run.stdout) as PlanJson;
  expect(mandatory(json, "public-example-nginx")).toEqual([]);
  expect(run.code).toBe(0);
});

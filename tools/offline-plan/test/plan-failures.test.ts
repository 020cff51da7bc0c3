// One plan over fixture programs that each fail in a different way, against a small fixture pack.
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;

beforeAll(async () => {
  run = await planCli([
    ...projectArgs("ghcr-no-credentials", "thrower", "consumer", "producer", "stray-reference"),
    "--policy-pack",
    fixturePack("registry-guard"),
  ]);
});

/** The report section of one stack: from its heading to the next blank line. */
const section = (label: string) => {
  const start = run.stdout.indexOf(`\n${label}\n`);
  return start < 0 ? "" : run.stdout.slice(start + 1, run.stdout.indexOf("\n\n", start + 1));
};

it("exits 1 when any stack fails or breaks a mandatory policy", () => {
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("✗ Plan of dev failed: 1 mandatory policy violation, 3 program errors (5 stacks");
});

it("fails a task definition that pulls a private ghcr.io image without credentials, with the policy's message", () => {
  expect(run.stdout).toMatch(
    /\[mandatory\] registry-credentials\n {6}ghcr-no-credentials\/dev {2}aws:ecs\/taskDefinition:TaskDefinition app\n.*\n {8}Container `app` pulls `ghcr\.io\/acme\/private-api@sha256:0f3c5a7e[0-9a-f]+` without `repositoryCredentials`/,
  );
});

it("names the project and stack of a program that throws, and where it threw", () => {
  expect(section("thrower/dev")).toContain(
    "error: thrower/dev failed:\n    thrower needs `thrower:databaseUrl`, and Pulumi.dev.yaml does not set it (at index.ts:5)",
  );
});

it("names the producer stack and the key when an upstream output is missing", () => {
  expect(section("consumer/dev")).toContain(
    "Required output 'spareCidrBlock' does not exist on stack 'organization/producer/dev'.",
  );
});

it("names a referenced stack that is not part of the run, and the stacks that are", () => {
  expect(section("stray-reference/dev")).toContain(
    "StackReference `acme/billing/dev` names a stack that is not part of this run. Stacks in this run: organization/ghcr-no-credentials/dev,",
  );
});

it("plans a producer before the stack that references it, and shows the reference as a read", () => {
  expect(run.stdout.indexOf("\nproducer/dev\n")).toBeLessThan(run.stdout.indexOf("\nconsumer/dev\n"));
  expect(section("consumer/dev")).toContain("  > pulumi:pulumi:StackReference organization/producer/dev");
});

it("prints each stack's resources indented by parent, with the default provider and a count", () => {
  expect(section("ghcr-no-credentials/dev")).toBe(
    [
      "ghcr-no-credentials/dev",
      "  + pulumi:pulumi:Stack ghcr-no-credentials-dev",
      "    + pulumi:providers:aws default_7_48_0",
      "    + aws:iam/role:Role execution",
      "    + aws:ecs/taskDefinition:TaskDefinition app",
      "  Resources: 4 to create",
    ].join("\n"),
  );
});

it("sends AnalyzeStack the property dependencies, parent and provider of each resource", () => {
  expect(run.stdout).toContain(
    "app: executionRoleArn <- execution; parent pulumi:pulumi:Stack; provider default_7_48_0 in eu-west-1; 1 dependencies",
  );
});

it("writes a progress line per stack to stderr while it runs", () => {
  for (const stack of ["ghcr-no-credentials", "thrower", "consumer", "producer", "stray-reference"]) {
    expect(run.stderr).toContain(`  … ${stack}/dev: running`);
  }
  expect(run.stderr).toMatch(/ {2}✓ producer\/dev: 3 resources in \d+\.\ds/);
  expect(run.stderr).toMatch(/ {2}✗ thrower\/dev: program failed after \d+\.\ds/);
});

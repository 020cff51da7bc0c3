// A plan that passes: advisory violations are reported but do not fail it, and a project outside this
// repository, with neither node_modules nor a stack file, runs with this workspace's packages.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixturePack, fixtureProject, planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;
const outside = mkdtempSync(path.join(tmpdir(), "offline-plan-outside-"));

beforeAll(async () => {
  cpSync(fixtureProject("no-stack-file"), path.join(outside, "no-stack-file"), { recursive: true });
  run = await planCli([
    ...projectArgs("ghcr-no-credentials", "fixture-calls"),
    "--project",
    path.join(outside, "no-stack-file"),
    "--policy-pack",
    fixturePack("registry-guard"),
    "--policy-pack-config",
    path.join(__dirname, "fixtures", "pack-config", "registry-credentials-advisory.json"),
  ]);
});

afterAll(() => rmSync(outside, { recursive: true, force: true }));

it("exits 0 when the only violations are advisory", () => {
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    "✓ Plan of dev passed: no mandatory violation (3 stacks, 10 resources, 2 advisory violations",
  );
});

it("lists the rules the config lowers from their default level", () => {
  expect(run.stdout).toContain(
    "Rules the dev config disables or lowers\n  registry-guard: registry-credentials (mandatory → advisory)\n",
  );
});

it("applies --policy-pack-config like the CLI: the policy reports at the configured level", () => {
  expect(run.stdout).toContain("[advisory] registry-credentials");
  expect(run.stdout).not.toContain("[mandatory] registry-credentials");
});

it("plans a project outside the repository with empty config when it has no stack file", () => {
  expect(run.stdout).toContain(
    [
      "no-stack-file/dev  (no stack file: empty config)",
      "  + pulumi:pulumi:Stack no-stack-file-dev",
      "    + pulumi:providers:aws default_7_48_0",
      "    + aws:cloudwatch/logGroup:LogGroup app",
    ].join("\n"),
  );
});

it("answers data sources from the AWS mocks and from the project's fixture file, with the stack's account and region", () => {
  expect(run.stdout).toContain("    + aws:cloudwatch/logGroup:LogGroup ami-0fixture1234567-eu-west-1-444444444444");
});

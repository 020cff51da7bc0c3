// The machine-readable outputs: one JSON document on stdout, and a Markdown summary file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson } from "./support/plan-json";

let run: CliRun;
let markdown: string;
let document: PlanJson;
const dir = mkdtempSync(path.join(tmpdir(), "offline-plan-md-"));

beforeAll(async () => {
  const file = path.join(dir, "plan.md");
  run = await planCli([
    ...projectArgs("ghcr-no-credentials", "thrower"),
    "--policy-pack",
    fixturePack("registry-guard"),
    "--json",
    "--markdown",
    file,
  ]);
  document = parsePlanJson(run.stdout);
  markdown = readFileSync(file, "utf8");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("prints exactly one JSON document on stdout, with progress on stderr only", () => {
  expect(run.code).toBe(1);
  expect(Object.keys(document)).toEqual(expect.arrayContaining(["ok", "env", "stacks"]));
  expect(document.ok).toBe(false);
  expect(document.env).toBe("dev");
  expect(run.stderr).toContain("… thrower/dev: running");
});

it("names each policy pack's folder relative to the workspace, the same on every machine", () => {
  expect(document.policyPacks.map((p) => p.dir)).toEqual(["tools/offline-plan/test/fixtures/packs/registry-guard"]);
});

it("lists each stack's resources with URN, type, name and parent", () => {
  const stack = document.stacks.find((s) => s.project === "ghcr-no-credentials")!;
  expect(stack.stack).toBe("dev");
  expect(stack.error).toBeNull();
  const stackUrn = "urn:pulumi:dev::ghcr-no-credentials::pulumi:pulumi:Stack::ghcr-no-credentials-dev";
  expect(stack.resources).toContainEqual(
    expect.objectContaining({
      urn: stackUrn,
      type: "pulumi:pulumi:Stack",
      name: "ghcr-no-credentials-dev",
      parent: "",
    }),
  );
  expect(stack.resources).toContainEqual(
    expect.objectContaining({
      urn: "urn:pulumi:dev::ghcr-no-credentials::aws:ecs/taskDefinition:TaskDefinition::app",
      type: "aws:ecs/taskDefinition:TaskDefinition",
      name: "app",
      parent: stackUrn,
      // The task definition's inputs as the program gave them, container definitions as a JSON string.
      properties: expect.objectContaining({
        family: "app",
        cpu: "256",
        containerDefinitions: expect.stringContaining("ghcr.io/acme/private-api") as unknown,
      }) as unknown,
    }),
  );
});

it("reports violations with pack, policy, enforcement level, URN, message and whether it was judged", () => {
  const stack = document.stacks.find((s) => s.project === "ghcr-no-credentials")!;
  expect(stack.violations).toContainEqual({
    policyPack: "registry-guard",
    policyName: "registry-credentials",
    enforcementLevel: "mandatory",
    urn: "urn:pulumi:dev::ghcr-no-credentials::aws:ecs/taskDefinition:TaskDefinition::app",
    message: expect.stringContaining(
      "Container `app` pulls `ghcr.io/acme/private-api@sha256:0f3c5a7e9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a` without `repositoryCredentials`",
    ) as unknown,
    notJudged: false,
  });
  expect(document.notJudged).toBe(0);
});

it("gives a failed program's error and no violations from AnalyzeStack", () => {
  const stack = document.stacks.find((s) => s.project === "thrower")!;
  expect(stack.error).toContain("thrower needs `thrower:databaseUrl`");
  expect(stack.violations).toEqual([]);
});

it("writes a Markdown summary with the verdict, a row per stack and the violations", () => {
  expect(markdown).toMatch(/^## ❌ Offline plan of `dev`: failed\n/);
  expect(markdown).toContain("| `ghcr-no-credentials/dev` | 4 | 0 | 1 | 1 | ✅ |");
  expect(markdown).toContain("| `thrower/dev` | 0 | 0 | 0 | 0 | ❌ failed |");
  expect(markdown).toContain(
    "| mandatory | registry-guard | registry-credentials | `ghcr-no-credentials/dev` | `aws:ecs/taskDefinition:TaskDefinition` `app` |",
  );
  expect(markdown).toContain("**Program error: thrower/dev**");
});

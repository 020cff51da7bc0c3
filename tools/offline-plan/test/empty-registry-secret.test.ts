import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { WORKSPACE_ROOT, planCli, type CliRun } from "./support/plan-cli";

// The real service program, planned with a fixture file that answers getSecretVersions as the provider does for a
// secret created empty (tokenSource: external, as in staging; dev pulls ghcr.io through ECR's pull-through cache), with no `versions` at all: the plan fails before the service
// declares anything, with the command that fixes it. The copy lives inside the workspace so it resolves the workspace's packages.
let run: CliRun;
const copy = mkdtempSync(path.join(__dirname, ".tmp-service-"));

beforeAll(async () => {
  cpSync(path.join(WORKSPACE_ROOT, "projects", "service"), copy, {
    recursive: true,
    filter: (source) => !/[/\\](test|node_modules)$/.test(source),
  });
  writeFileSync(
    path.join(copy, "offline-plan.fixtures.yaml"),
    JSON.stringify({ calls: { "aws:secretsmanager/getSecretVersions:getSecretVersions": {} } }),
  );
  const projects = ["networking", "registry-access"].map((p) => path.join(WORKSPACE_ROOT, "projects", p));
  run = await planCli(["--env", "staging", ...[...projects, copy].flatMap((dir) => ["--project", dir])]);
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it("fails the plan of the service when the registry secret has no current version, with put-secret-value", () => {
  expect(run.code).toBe(1);
  const output = run.stdout + run.stderr;
  expect(output).toContain(
    "The registry secret for ghcr.io (arn:aws:secretsmanager:eu-central-1:222222222222:secret:registry/staging/ghcr.io/",
  );
  expect(output).toContain("has no current value");
  expect(output).toContain(
    "aws secretsmanager put-secret-value --secret-id arn:aws:secretsmanager:eu-central-1:222222222222:secret:registry/staging/ghcr.io/",
  );
  expect(output).not.toContain("awsx:ecs:FargateService");
});

// A policy pack that cannot start fails the plan with what it printed, and does not hide the other packs' verdicts.
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;

beforeAll(async () => {
  run = await planCli([...projectArgs("ghcr-no-credentials"), "--policy-pack", fixturePack("broken"), "--policy-pack", fixturePack("registry-guard")]);
}, 120_000);

it("exits 1 and shows the stderr of a pack that fails to start", () => {
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("Policy pack errors\n  broken (");
  expect(run.stdout).toMatch(/policy pack .*broken failed to start \(exit code \d+\):/);
  expect(run.stdout).toContain("Error: broken-pack cannot load its rules: rules/missing.ts is not there");
});

it("still reports the violations of the packs that did start", () => {
  expect(run.stdout).toContain("[mandatory] registry-credentials");
  expect(run.stdout).toContain("✗ Plan of dev failed: 1 mandatory policy violation, 1 policy pack error");
});

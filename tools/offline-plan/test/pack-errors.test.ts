// A policy pack that cannot start fails the plan with what it printed, and does not hide the other packs' verdicts.
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;
let diesMidRun: CliRun;

beforeAll(async () => {
  [run, diesMidRun] = await Promise.all([
    planCli([
      ...projectArgs("ghcr-no-credentials"),
      "--policy-pack",
      fixturePack("broken"),
      "--policy-pack",
      fixturePack("registry-guard"),
    ]),
    planCli([...projectArgs("ghcr-no-credentials"), "--policy-pack", fixturePack("dies-mid-run")]),
  ]);
});

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

it("fails the plan when a pack's process ends during analysis, saying so first, with what it printed", () => {
  expect(diesMidRun.code).toBe(1);
  expect(diesMidRun.stdout).toContain("  dies-mid-run (");
  expect(diesMidRun.stdout).toMatch(/:\n {4}the policy pack process ended during the run \(exit code 3\)\n/);
  expect(diesMidRun.stdout).toContain("| dies-mid-run: giving up on aws:iam/role:Role");
  expect(diesMidRun.stdout).toContain("✗ Plan of dev failed: 1 policy pack error");
});

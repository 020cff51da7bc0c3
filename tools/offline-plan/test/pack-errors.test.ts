// A policy pack that cannot start, or whose process ends during the run, fails the plan with what it printed, and
// does not hide the other packs' verdicts. One plan runs all three packs: each failure is reported on its own, and
// the pack that works still reports its violation.
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;

beforeAll(async () => {
  run = await planCli([
    ...projectArgs("ghcr-no-credentials"),
    ...["broken", "registry-guard", "dies-mid-run"].flatMap((pack) => ["--policy-pack", fixturePack(pack)]),
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
  expect(run.stdout).toContain("✗ Plan of dev failed: 1 mandatory policy violation, 2 policy pack errors");
});

it("fails the plan when a pack's process ends during analysis, saying so first, with what it printed", () => {
  // Counted among the plan's pack errors above, beside the pack that never started.
  expect(run.stdout).toContain("  dies-mid-run (");
  expect(run.stdout).toMatch(/:\n {4}the policy pack process ended during the run \(exit code 3\)\n/);
  expect(run.stdout).toContain("| dies-mid-run: giving up on aws:iam/role:Role");
});

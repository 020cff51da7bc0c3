// A program that never finishes is stopped after --timeout, and the plan says which stack and what it
// was waiting for, instead of hanging until someone kills it.
import { planCli, projectArgs } from "./support/plan-cli";

it("stops a program still running after --timeout, naming the stack and what it waited for", async () => {
  const started = Date.now();
  const run = await planCli([...projectArgs("never-finishes"), "--timeout", "3"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    "stack never-finishes/dev did not finish within 3 s and was stopped: it was waiting on its own work",
  );
  expect(run.stdout).toContain("Fix: find what never settles, or give it longer with --timeout <seconds>.");
  expect(run.stdout).toContain("✗ Plan of dev failed: 1 program error");
  expect(Date.now() - started).toBeLessThan(110_000);
});

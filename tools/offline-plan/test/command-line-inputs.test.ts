// Bad command-line input is refused before any program or pack runs: exit 2, a message with a Fix,
// no stack trace, and no file touched.
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixtureProject, planCli, projectArgs, WORKSPACE_ROOT } from "./support/plan-cli";

const refusedBeforeRunning = (run: { code: number; stdout: string; stderr: string }) => {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain("running");
};

it.each([
  [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once"],
  [["--markdown", "a.md", "--markdown", "b.md"], "--markdown is given 2 times"],
  [["--timeout", "10", "--timeout", "20"], "--timeout is given 2 times"],
])("refuses the single-value flag repeated in %j", async (args, message) => {
  const run = await planCli([...projectArgs("producer"), ...args]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain(message);
});

it.each([
  [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once: `--env dev`, `--env prod`."],
  [
    ["--diff", "HEAD", "--diff", "HEAD~1"],
    "--diff is given 2 times, and it may be given once: `--diff HEAD`, `--diff HEAD~1`.",
  ],
  [["--evn", "prod"], "Unknown option '--evn'. Did you mean `--env`?"],
  [["--markdown"], "`--markdown` needs a value: `--markdown <value>`."],
])("names the flag and what it was given for %j, with a Fix", async (args, message) => {
  const run = await planCli([...projectArgs("producer"), ...args]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain(`error: ${message}`);
  expect(run.stderr).toContain("Fix: ");
});

it("never overwrites a stack file that git tracks, and leaves it as it was", async () => {
  const stackFile = path.join(WORKSPACE_ROOT, "projects", "service", "Pulumi.dev.yaml");
  const before = readFileSync(stackFile, "utf8");
  const run = await planCli(["--markdown", "projects/service/Pulumi.dev.yaml"]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain("is a file tracked by git; the plan never overwrites one. Fix:");
  expect(readFileSync(stackFile, "utf8")).toBe(before);
});

it("refuses a --markdown path that is a folder", async () => {
  const run = await planCli([...projectArgs("producer"), "--markdown", tmpdir()]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain("is a folder, not a file");
});

it("refuses a --markdown path whose folder does not exist", async () => {
  const run = await planCli([...projectArgs("producer"), "--markdown", "no/such/folder/plan.md"]);
  refusedBeforeRunning(run);
  expect(run.stderr).toMatch(/the folder .*no\/such\/folder does not exist/);
});

it("refuses a --markdown path in a folder it may not write", async () => {
  // Root may write anywhere, so the plan runs as `nobody` here, as a user without rights would.
  const dir = mkdtempSync(path.join(tmpdir(), "readonly-"));
  chmodSync(dir, 0o555);
  const run = await planCli([...projectArgs("producer"), "--markdown", path.join(dir, "plan.md")], WORKSPACE_ROOT, {
    uid: 65534,
    gid: 65534,
  });
  refusedBeforeRunning(run);
  expect(run.stderr).toContain("is not writable");
});

it("refuses a --policy-pack folder without PulumiPolicy.yaml before any program runs", async () => {
  const run = await planCli([...projectArgs("producer"), "--policy-pack", fixtureProject("producer")]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain("has no PulumiPolicy.yaml, so it is not a policy pack");
});

it.each(["0", "-5", "soon", "1e9"])("refuses --timeout %s", async (value) => {
  const run = await planCli([...projectArgs("producer"), `--timeout=${value}`]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain(`\`--timeout ${value}\` is not a number of seconds`);
});

it("writes --markdown to a new file in an existing folder", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "markdown-"));
  mkdirSync(path.join(dir, "out"));
  writeFileSync(path.join(dir, "out", "old.md"), "an untracked file may be replaced\n");
  const run = await planCli([...projectArgs("producer"), "--markdown", path.join(dir, "out", "old.md")]);
  expect(run.code).toBe(0);
  expect(readFileSync(path.join(dir, "out", "old.md"), "utf8")).toContain("producer");
}, 180_000);

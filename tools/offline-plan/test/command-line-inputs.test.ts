// Bad command-line input is refused before any program or pack runs: exit 2, a message with a Fix,
// no stack trace, and no file touched. The parser's messages are checked by calling it (parsePlanArgs,
// which `npm start` calls first); spawning the command is kept for what only a process shows: the exit
// code and streams, a user without rights, and a file really written.
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parsePlanArgs, UsageError } from "../src/args";
import { fixtureProject, planCli, projectArgs, WORKSPACE_ROOT } from "./support/plan-cli";

const refusedBeforeRunning = (run: { code: number; stdout: string; stderr: string }) => {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain("running");
};

/** The UsageError the parser refuses `args` with (the plan prints it after `error: ` and exits 2). */
function refusal(args: string[]): string {
  try {
    parsePlanArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`parsePlanArgs accepted ${JSON.stringify(args)}`);
}

it("refuses bad input in a process before running anything: exit 2, stderr only, no stack trace", async () => {
  const run = await planCli([...projectArgs("producer"), "--env", "dev", "--env", "prod"]);
  refusedBeforeRunning(run);
  expect(run.stderr).toContain(
    "error: --env is given 2 times, and it may be given once: `--env dev`, `--env prod`.\nFix: ",
  );
});

it.each([
  [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once"],
  [["--markdown", "a.md", "--markdown", "b.md"], "--markdown is given 2 times"],
  [["--timeout", "10", "--timeout", "20"], "--timeout is given 2 times"],
])("refuses the single-value flag repeated in %j", (args, message) => {
  expect(refusal([...projectArgs("producer"), ...args])).toContain(message);
});

it.each([
  [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once: `--env dev`, `--env prod`."],
  [
    ["--diff", "HEAD", "--diff", "HEAD~1"],
    "--diff is given 2 times, and it may be given once: `--diff HEAD`, `--diff HEAD~1`.",
  ],
  [["--evn", "prod"], "Unknown option '--evn'. Did you mean `--env`?"],
  [["--markdown"], "`--markdown` needs a value: `--markdown <value>`."],
])("names the flag and what it was given for %j, with a Fix", (args, message) => {
  const message_ = refusal([...projectArgs("producer"), ...args]);
  expect(message_.startsWith(message)).toBe(true);
  expect(message_).toContain("Fix: ");
});

it("never overwrites a stack file that git tracks, and leaves it as it was", () => {
  const stackFile = path.join(WORKSPACE_ROOT, "projects", "service", "Pulumi.dev.yaml");
  const before = readFileSync(stackFile, "utf8");
  expect(refusal(["--markdown", stackFile])).toContain("is a file tracked by git; the plan never overwrites one. Fix:");
  expect(readFileSync(stackFile, "utf8")).toBe(before);
});

it("refuses a --markdown path that is a folder", () => {
  expect(refusal([...projectArgs("producer"), "--markdown", tmpdir()])).toContain("is a folder, not a file");
});

it("refuses a --markdown path whose folder does not exist", () => {
  expect(refusal([...projectArgs("producer"), "--markdown", "no/such/folder/plan.md"])).toMatch(
    /the folder .*no\/such\/folder does not exist/,
  );
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

it("refuses a --policy-pack folder without PulumiPolicy.yaml before any program runs", () => {
  expect(refusal([...projectArgs("producer"), "--policy-pack", fixtureProject("producer")])).toContain(
    "has no PulumiPolicy.yaml, so it is not a policy pack",
  );
});

it.each(["0", "-5", "soon", "1e9"])("refuses --timeout %s", (value) => {
  expect(refusal([...projectArgs("producer"), `--timeout=${value}`])).toContain(
    `\`--timeout ${value}\` is not a number of seconds`,
  );
});

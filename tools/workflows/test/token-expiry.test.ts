// The daily registry token check of drift.yml: the step that runs it, and its script, run by bash against a
// stand-in of `npm run preflight` (the preflight's own tests prove the check against SDK mocks and fake APIs).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePreflightArgs } from "../../preflight/src/args";
import { fakePreflight } from "./support/fake-preflight";
import { Expression, jobOf, loadWorkflow, mappingOf, repositoryRoot, type Job } from "./support/workflows";

const SCRIPT = join(repositoryRoot, ".github", "scripts", "token-expiry-check.sh");
const WARNING =
  "WARN  ghcr.io token expiry: ghcr.io token for prod expires in 9 days (2026-12-16)\n" +
  "      Fix: create a new token, then: npm run rotate-registry-token -- --env prod --registry ghcr.io\n" +
  "Registry token of service for prod: valid.\n";

let drift: Job;
beforeAll(async () => {
  drift = jobOf(await loadWorkflow("drift.yml"), "drift");
});

describe("drift.yml's drift job", () => {
  const runs = () => drift.steps.map((step) => (typeof step.run === "string" ? step.run : ""));
  const tokenStep = () =>
    drift.steps.find((step) => runs()[drift.steps.indexOf(step)]!.startsWith('bash "$RUNNER_TEMP/token-expiry-check'))!;

  it("checks the registry tokens with the drift role, after the drift check whatever it found", () => {
    const step = tokenStep();
    expect(step.run).toBe('bash "$RUNNER_TEMP/token-expiry-check.sh" "$ENVIRONMENT"');
    expect(mappingOf(step.declared.env).ENVIRONMENT).toEqual(new Expression("matrix.env"));
    const index = drift.steps.indexOf(step);
    const role = drift.steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    const check = drift.steps.findIndex((s) => s.id === "check");
    expect([role, check].every((before) => before >= 0 && before < index)).toBe(true);
    // Drift makes the check step fail; the tokens are still checked, but not when the setup failed or was skipped.
    expect(step.if).toBe("!cancelled() && (steps.check.outcome == 'success' || steps.check.outcome == 'failure')");
  });

  it("runs this commit's script, copied before the deployed commit is checked out, as drift-check.sh is", () => {
    expect(runs().join("\n")).toContain(
      'cp .github/scripts/token-expiry-check.sh "$RUNNER_TEMP/token-expiry-check.sh"',
    );
  });

  it("asks the preflight for the tokens alone, with a flag set it accepts", () => {
    const command = /npm run --silent preflight -- (.+)\)/.exec(readFileSync(SCRIPT, "utf8"))![1]!;
    const argv = command.replaceAll('"$env"', "prod").split(" ");
    expect(parsePreflightArgs(argv)).toMatchObject({ env: "prod", only: "token-expiry", failOnWarning: true });
  });
});

describe("token-expiry-check.sh", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "token-expiry-check-"));
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "tools", "preflight", "src"), { recursive: true });
    cpSync(join(repositoryRoot, "tools", "preflight", "src", "args.ts"), join(dir, "tools/preflight/src/args.ts"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = () =>
    spawnSync("bash", [SCRIPT, "prod"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: `${join(dir, "bin")}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: join(dir, "summary.md") },
    });

  it("fails with the warning's line as an error annotation, and lists it in the summary", () => {
    const preflight = fakePreflight(join(dir, "bin"));
    preflight.answer("prod", { exit: 1, stdout: WARNING });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "::error title=Registry token of prod::ghcr.io token for prod expires in 9 days (2026-12-16)\n",
    );
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain(
      "- WARN ghcr.io token for prod expires in 9 days (2026-12-16)",
    );
    expect(preflight.calls()).toEqual([
      {
        argv: ["--env", "prod", "--only", "token-expiry", "--fail-on-warning"],
        cwd: dir,
        at: expect.any(Number) as number,
      },
    ]);
  });

  it("passes a token the preflight passes, with no annotation", () => {
    const preflight = fakePreflight(join(dir, "bin"));
    preflight.answer("prod", { stdout: "PASS  ghcr.io token expiry: ghcr.io token for prod expires in 60 days\n" });
    const result = run();
    expect([result.status, result.stdout.includes("::error")]).toEqual([0, false]);
  });

  it("warns, and does not fail, for a deployed commit whose preflight has no token-only mode", () => {
    rmSync(join(dir, "tools"), { recursive: true });
    const preflight = fakePreflight(join(dir, "bin"));
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("::warning title=Registry tokens of prod not checked::");
    expect(preflight.calls()).toEqual([]);
  });
});

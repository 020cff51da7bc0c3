// --from with --deployed: the image is the one the source environment's last verified deployment ran (its
// stack file at that commit), never a digest merged since whose deploy or smoke test failed, and only after the
// target's soak time. The workspace copy is a git repository with the deployed commit and a later one.
import { execFileSync } from "node:child_process";
import { main } from "../src/cli";
import type { Candidate } from "../src/promote";
import {
  copyWorkspace,
  digestA,
  digestB,
  ghcrImage,
  setServiceImage,
  type TemporaryWorkspace,
} from "./support/workspace";

let workspace: TemporaryWorkspace;
let deployedCommit: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], {
    cwd: workspace.dir,
    encoding: "utf8",
  }).trim();
const deployedAt = "2026-12-01T10:00:00Z";
/** `main` in this process, at the clock `now`, with a plan that records the candidate it is given and passes. */
async function promoteFromDev(deployed: string, now: string, extra: string[] = []) {
  const planned: Candidate[] = [];
  let stdout = "";
  let stderr = "";
  process.env.PROMOTE_NOW = now;
  try {
    const argv = ["--service", "service", "--from", "dev", "--to", "staging", "--deployed", deployed, ...extra];
    const code = await main(
      [...argv, "--workspace", workspace.dir],
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
      (_dir, _env, candidate) => {
        planned.push(candidate);
        return Promise.resolve({ ok: true, violations: [], errors: [] });
      },
    );
    return { code, stdout, stderr, planned };
  } finally {
    delete process.env.PROMOTE_NOW;
  }
}

beforeAll(() => {
  workspace = copyWorkspace();
  git("init", "-q", "-b", "main");
  setServiceImage(workspace, "dev", `${ghcrImage}@${digestA}`);
  git("add", "-A");
  git("commit", "-q", "-m", "dev runs digest A (deployed, smoke test passed)");
  deployedCommit = git("rev-parse", "HEAD");
  // Merged since: digest B, whose dev deploy failed; main holds it, dev does not run it.
  setServiceImage(workspace, "dev", `${ghcrImage}@${digestB}`);
  git("commit", "-q", "-am", "dev: digest B (its deploy failed)");
});
afterAll(() => workspace.remove());

describe("promote --from dev --deployed <commit>@<time>", () => {
  it("refuses before staging's soak time (1 h in dev), saying when it may", async () => {
    const result = await promoteFromDev(`${deployedCommit}@${deployedAt}`, "2026-12-01T10:30:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `dev runs the image since 2026-12-01T10:00:00.000Z (commit ${deployedCommit}): 0.5 h`,
    );
    expect(result.stderr).toContain("Fix: promote again after 2026-12-01T11:00:00.000Z");
  });

  it("plans and takes the deployed commit's digest, not the one merged since, and reports the deployment", async () => {
    const result = await promoteFromDev(`${deployedCommit}@${deployedAt}`, "2026-12-01T11:00:00Z", [
      "--dry-run",
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(result.planned.map((candidate) => candidate.text)).toEqual([
      expect.stringContaining(`service:image: ${ghcrImage}@${digestA}`),
    ]);
    const report = JSON.parse(result.stdout) as { image: string; deployed: unknown; plan: { ok: boolean } };
    expect(report.image).toBe(`${ghcrImage}@${digestA}`);
    expect(report.deployed).toEqual({ commit: deployedCommit, at: "2026-12-01T10:00:00.000Z" });
    expect(report.plan.ok).toBe(true);
  });

  it("refuses a deployment whose commit does not hold the service, naming it", async () => {
    git("rm", "-q", "-r", "projects/service");
    git("commit", "-q", "-m", "no service");
    const none = git("rev-parse", "HEAD");
    git("reset", "-q", "--hard", "HEAD~1");
    const result = await promoteFromDev(`${none}@${deployedAt}`, "2026-12-02T00:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `projects/service/Pulumi.dev.yaml is not in commit ${none}, which dev last deployed`,
    );
  });

  it.each([["not-a-commit@2026-12-01T10:00:00Z"], ["abc1234@yesterday"]])("refuses --deployed %s", async (value) => {
    const result = await promoteFromDev(value, "2026-12-02T00:00:00Z");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not <commit>@<time>");
  });
});

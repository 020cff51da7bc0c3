// Ctrl-C during `--diff`: the base worktree goes with the process, and git forgets it.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import * as path from "node:path";
import { announcedWorktree, scratchRepo, worktrees } from "./support/scratch-repo";
import { fixturePack, WORKSPACE_ROOT } from "./support/plan-cli";

const BIN = path.join(WORKSPACE_ROOT, "tools", "offline-plan", "bin", "plan.js");
const repo = scratchRepo(path.resolve(__dirname, "fixtures", "diff-repo"));

afterAll(() => rmSync(repo, { recursive: true, force: true }));

it("removes the base worktree when the plan is stopped with SIGINT while the base programs run", async () => {
  const args = [
    "--diff",
    "HEAD~1",
    "--project",
    path.join(repo, "projects", "uses-lib"),
    "--policy-pack",
    fixturePack("registry-guard"),
  ];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const baseRunning = new Promise<void>((resolve) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("[base] … uses-lib/dev: running")) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await baseRunning;
  const dir = announcedWorktree(stderr);
  expect(dir).toBeDefined();
  expect(existsSync(dir!)).toBe(true);
  child.kill("SIGINT");
  expect(await exited).toBe(130);
  expect(existsSync(dir!)).toBe(false);
  expect(worktrees(repo)).toEqual([repo]);
});

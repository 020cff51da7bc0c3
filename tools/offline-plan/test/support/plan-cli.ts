// Runs the real `npm start` entry point in a child process, as a user would.
import { execFile } from "node:child_process";
import * as path from "node:path";

export const WORKSPACE_ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const binOf = (workspace: string): string => path.join(workspace, "tools", "offline-plan", "bin", "plan.js");
const FIXTURES = path.resolve(__dirname, "..", "fixtures");

export const fixtureProject = (name: string): string => path.join(FIXTURES, "projects", name);
export const fixturePack = (name: string): string => path.join(FIXTURES, "packs", name);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Packs start as the Pulumi CLI starts them, as `npm start` does.
 * `timeoutMs`: an upper bound for a plan that hangs, generous enough for a busy machine.
 * `uid`/`gid`: run as another user, to test paths that user may not write.
 * `workspace`: the workspace whose plan runs (this one, or a scratch copy).
 */
export function planCli(
  args: string[],
  cwd = WORKSPACE_ROOT,
  {
    timeoutMs = 600_000,
    uid,
    gid,
    workspace = WORKSPACE_ROOT,
  }: { timeoutMs?: number; uid?: number; gid?: number; workspace?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binOf(workspace), ...args],
      { cwd, maxBuffer: 32 * 1024 * 1024, timeout: timeoutMs, uid, gid },
      (err, stdout, stderr) => {
        const timedOut = err?.killed && err.signal === "SIGTERM";
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({
          code,
          stdout,
          stderr: timedOut
            ? `${stderr}
[test] the plan did not finish within ${timeoutMs} ms`
            : stderr,
        });
      },
    );
  });
}

/** `--project a --project b ...` */
export const projectArgs = (...names: string[]): string[] =>
  names.flatMap((name) => ["--project", fixtureProject(name)]);

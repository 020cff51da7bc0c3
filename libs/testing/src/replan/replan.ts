import { fork } from "node:child_process";
import * as path from "node:path";
import type { ReplanJob, ReplanResult } from "./types";

export type { ProgramConfigRun, ReplanJob, ReplanResult } from "./types";

const WORKSPACE_ROOT = path.resolve(__dirname, "../../../..");

/**
 * Plans each job's program again under the AWS mocks, all in one child process (replan-worker.ts), and returns
 * one result per job, in order. A child, not jest's module registry: there every run reloads the whole SDK.
 */
export function replanPrograms(jobs: readonly ReplanJob[]): Promise<ReplanResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, "replan-child.js"), [], {
      cwd: WORKSPACE_ROOT,
      stdio: ["pipe", "pipe", "pipe", "ipc"],
    });
    let results: ReplanResult[] | undefined;
    let output = "";
    // What the programs print is only shown when the process fails; the tail says why.
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.on("message", (message) => (results = message as ReplanResult[]));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (results && results.length === jobs.length) resolve(results);
      else reject(new Error(`the replan process exited with ${code} before it answered:\n${output}`));
    });
    child.stdin!.end(JSON.stringify({ workspaceRoot: WORKSPACE_ROOT, jobs }));
  });
}

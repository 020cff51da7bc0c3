// However the plan ends (Ctrl-C, SIGTERM, SIGKILL as the OOM killer sends it), nothing it started
// outlives it: program processes notice their IPC channel close, a pack's parent (cli-parent.js) the pipe
// the plan holds. Each test waits for every recorded process to end, bounded generously for a busy machine.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { descendantsOf, isAlive, sleep, waitFor } from "./support/processes";

/** Resolves once none of `pids` is alive; on timeout, fails naming the ones still running. */
async function allEnded(pids: number[]): Promise<void> {
  const alive = () =>
    pids.filter(isAlive).map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")}`);
  await waitFor("every process the plan started to end", () => (alive().length ? undefined : true), 120_000).catch(
    () => {
      throw new Error(`still running after the plan ended:\n${alive().join("\n")}`);
    },
  );
}
import { fixtureProject, WORKSPACE_ROOT } from "./support/plan-cli";

const BIN = path.join(WORKSPACE_ROOT, "tools", "offline-plan", "bin", "plan.js");

// The cases run at once: each mostly waits for processes to start and end.
it.concurrent.each(["SIGINT", "SIGTERM", "SIGKILL"] as const)(
  "leaves no program or pack process alive after the plan gets %s",
  async (signal) => {
    // A program that never finishes keeps both its process and the pack's alive until the plan ends.
    const plan = spawn(process.execPath, [BIN, "--project", fixtureProject("never-finishes"), "--timeout", "600"], {
      cwd: WORKSPACE_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    plan.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      plan.on("exit", (code, sig) => resolve({ code, signal: sig })),
    );

    // The program (forked with IPC), the pack's parent and the pack (run-policy-pack) run: record their PIDs.
    const started = await waitFor("the program and the policy pack to start", () => {
      const pids = descendantsOf(plan.pid!);
      return pids.length >= 3 ? pids : undefined;
    });
    await sleep(1_000); // mid start-up, while the children load synchronously: the hardest moment to notice
    const recorded = [...new Set([...started, ...descendantsOf(plan.pid!)])];

    plan.kill(signal);
    const how = await exited;
    await allEnded(recorded);
    expect(how.code === null ? how.signal : how.code).toBe(
      signal === "SIGKILL" ? "SIGKILL" : signal === "SIGINT" ? 130 : 143,
    );
    expect(stdout).not.toContain("passed");
  },
);

it.concurrent("stops the plan and everything it started when `npm start` itself gets SIGTERM", async () => {
  // npm runs the script under `sh -c`; a SIGTERM to npm ends npm and the shell, so the plan must notice.
  const npm = spawn("npm", ["start", "--", "--project", fixtureProject("never-finishes"), "--timeout", "600"], {
    cwd: WORKSPACE_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  npm.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const started = await waitFor("the plan, its program and its pack to start", () => {
    const pids = descendantsOf(npm.pid!);
    return pids.length >= 5 ? pids : undefined; // sh, the plan, the program, the pack's parent, the pack
  });
  await sleep(1_000);
  const recorded = [...new Set([...started, ...descendantsOf(npm.pid!)])];
  npm.kill("SIGTERM");
  await allEnded(recorded);
  expect(stdout).not.toContain("passed");
});

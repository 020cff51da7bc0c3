// The plan's side of one program process: starts it, relays its stack-reference questions, and
// collects what it declared.
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { ProgramJob } from "./child/program-child";
import { pausableTimer } from "./pausable-timer";
import { withoutAnsi } from "./text";
import type { CapturedResource, ChildMessage, ParentMessage, WireObject } from "./types";

export interface ProgramCallbacks {
  /** Called as each resource registers, so policy analysis runs while the program still runs. */
  onResource(resource: CapturedResource): void;
  /** Resolves a StackReference to the named stack's outputs; rejects with a message for the program. */
  onStackReference(name: string): Promise<WireObject>;
}

export interface ChildProgramRun {
  resources: CapturedResource[];
  errors: string[];
  /** What the program printed (stdout and stderr, interleaved). */
  output: string;
}

const ENTRY = path.join(__dirname, "child", "entry.js");
const MAX_OUTPUT = 64 * 1024;

/** A program still running after this long is stopped (`--timeout`). */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 120_000;

export function runProgramInChild(
  job: ProgramJob,
  env: Record<string, string>,
  workspaceRoot: string,
  callbacks: ProgramCallbacks,
  timeoutMs = DEFAULT_PROGRAM_TIMEOUT_MS,
): Promise<ChildProgramRun> {
  const resources: CapturedResource[] = [];
  /** Stack references asked for and not yet answered: while there are any, the timeout clock is paused. */
  const pendingReferences = new Set<string>();
  const byUrn = new Map<string, CapturedResource>();
  let output = "";
  let doneErrors: string[] | null = null;

  // A project outside this workspace, without node_modules of its own, uses this workspace's packages.
  const nodePath = existsSync(path.join(job.projectDir, "node_modules"))
    ? process.env.NODE_PATH
    : [path.join(workspaceRoot, "node_modules"), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);

  const child = fork(ENTRY, [], {
    cwd: job.projectDir,
    env: {
      ...process.env,
      ...env,
      OFFLINE_PLAN_JOB: JSON.stringify(job),
      // fd 4: the pipe whose end tells the program the plan is gone (@platform/policy-analyzer/watch-parent).
      OFFLINE_PLAN_PARENT_PIPE_FD: "4",
      ...(nodePath ? { NODE_PATH: nodePath } : {}),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);

  const reply = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };

  // The clock stops while the program waits for upstream stacks: they run under their own timeout (and the
  // stack registry refuses cycles), so a service queued behind slow upstreams on a busy machine is not "hung".
  const clock = pausableTimer(timeoutMs, () => {
    doneErrors ??= [timedOut(job, timeoutMs, resources.at(-1))];
    child.kill("SIGKILL");
  });
  const answered = (name: string) => {
    pendingReferences.delete(name);
    if (pendingReferences.size === 0) clock.resume();
  };

  child.on("message", (message: ChildMessage) => {
    switch (message.kind) {
      case "resource":
        resources.push(message.resource);
        byUrn.set(message.resource.urn, message.resource);
        callbacks.onResource(message.resource);
        break;
      case "outputs": {
        const resource = byUrn.get(message.urn);
        if (resource) resource.outputs = message.outputs;
        break;
      }
      case "stack-reference":
        if (pendingReferences.size === 0) clock.pause();
        pendingReferences.add(message.name);
        callbacks.onStackReference(message.name).then(
          (outputs) => {
            answered(message.name);
            reply({ kind: "stack-reference-result", requestId: message.requestId, outputs });
          },
          (err: Error) => {
            answered(message.name);
            reply({ kind: "stack-reference-error", requestId: message.requestId, message: err.message });
          },
        );
        break;
      case "done":
        doneErrors = message.errors;
        break;
    }
  });

  return new Promise((resolve) => {
    child.on("error", (err) => {
      doneErrors ??= [`the program process could not start: ${err.message}`];
    });
    child.on("close", (code, signal) => {
      clock.stop();
      const errors = doneErrors ?? [unfinished(code, signal, output)];
      resolve({ resources, errors, output: withoutAnsi(output).trimEnd() });
    });
  });
}

function unfinished(code: number | null, signal: string | null, output: string): string {
  const below = output ? "; its output is below" : "";
  if (code === 0 && !signal) {
    return `the program ended with work still pending: something it exported or awaited never settled (a promise that never resolves?)${below}`;
  }
  return `the program process ended before the program finished (${signal ? `signal ${signal}` : `exit code ${code}`})${below}`;
}

function timedOut(job: ProgramJob, timeoutMs: number, last: CapturedResource | undefined): string {
  const lastResource = last ? `; the last resource it declared was ${last.urn}` : ", before declaring any resource";
  return (
    `stack ${job.project}/${job.stack} did not finish within ${timeoutMs / 1000} s and was stopped: ` +
    `it was waiting on its own work (a promise or an apply that never settled)${lastResource}. ` +
    "Fix: find what never settles, or give it longer with --timeout <seconds>."
  );
}

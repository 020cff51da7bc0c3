// The plan's side of the program processes: starts them, hands each its jobs, relays their stack-reference
// questions, and collects what each job declared and printed.
import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { ProgramJob } from "./child/program-child";
import { moduleSystemOf } from "./child/load-program";
import { pausableTimer } from "./pausable-timer";
import { withoutAnsi } from "./text";
import { type CapturedResource, type ChildMessage, JOB_END_MARK, type ParentMessage, type WireObject } from "./types";

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

// Resolved through the package, not `__dirname`: this module also runs bundled from elsewhere (bin/plan.js).
const ENTRY = require.resolve("@platform/offline-plan/src/child/entry.js");
const MAX_OUTPUT = 64 * 1024;

/** A program still running after this long is stopped (`--timeout`). */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 120_000;

/** A program process, or none yet, for one job: `run` forks one when it holds none. */
export interface ProgramLease {
  run(
    job: ProgramJob,
    env: Record<string, string>,
    callbacks: ProgramCallbacks,
    timeoutMs?: number,
  ): Promise<ChildProgramRun>;
}

type Waiter = (process: ChildProcess | null) => void;

/**
 * The program processes of a run. A project's stacks of every environment run one after another in one process,
 * so `--env all` loads the SDKs once per project rather than once per stack: the process runs the next job once
 * the previous ended cleanly (program-child.ts `serve` says what it keeps and what it loads afresh). A job whose
 * process cannot go on (an error, a timeout, an ES module program) hands a fresh process to the next.
 *
 * A job waiting for its project's process never holds up another: the stacks of one project in one run are of
 * different environments, and a StackReference resolves only within its own environment's plan.
 */
export class ProgramProcesses {
  /** Per project folder: how many of its jobs hold a process or are about to fork one, and who waits. */
  private readonly projects = new Map<string, { active: number; waiting: Waiter[] }>();
  constructor(private readonly workspaceRoot: string) {}

  /** A process for a stack of the project in `projectDir`: the one its previous environment's stack ran in. */
  async acquire(projectDir: string): Promise<ProgramLease> {
    if (moduleSystemOf(projectDir) === "module") return this.lease(null, null);
    const project = this.projects.get(projectDir) ?? { active: 0, waiting: [] };
    this.projects.set(projectDir, project);
    if (project.active === 0) {
      project.active++;
      return this.lease(projectDir, null);
    }
    const child = await new Promise<ChildProcess | null>((admit) => project.waiting.push(admit));
    return this.lease(projectDir, child);
  }

  private lease(projectDir: string | null, held: ChildProcess | null): ProgramLease {
    return {
      run: async (job, env, callbacks, timeoutMs = DEFAULT_PROGRAM_TIMEOUT_MS) => {
        const child = held && held.connected ? held : forkProgram(job, env, this.workspaceRoot);
        if (child === held) child.send({ kind: "job", job, env } satisfies ParentMessage);
        const run = await runJob(child, job, callbacks, timeoutMs);
        const handed = this.handOver(projectDir, run.reusable ? child : null);
        if (!handed && child.connected) child.disconnect();
        return run;
      },
    };
  }

  /** The next waiting job of the project gets the process (or a fresh one); says whether one took `child`. */
  private handOver(projectDir: string | null, child: ChildProcess | null): boolean {
    const project = projectDir === null ? undefined : this.projects.get(projectDir);
    const next = project?.waiting.shift();
    if (next) next(child);
    else if (project) project.active--;
    return next !== undefined && child !== null;
  }
}

function forkProgram(job: ProgramJob, env: Record<string, string>, workspaceRoot: string): ChildProcess {
  // A project outside this workspace, without node_modules of its own, uses this workspace's packages.
  const nodePath = existsSync(path.join(job.projectDir, "node_modules"))
    ? process.env.NODE_PATH
    : [path.join(workspaceRoot, "node_modules"), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  return fork(ENTRY, [], {
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
}

/** Runs one job in `child`: relays its stack-reference questions and collects what it declared and printed. */
function runJob(
  child: ChildProcess,
  job: ProgramJob,
  callbacks: ProgramCallbacks,
  timeoutMs: number,
): Promise<ChildProgramRun & { reusable: boolean }> {
  const resources: CapturedResource[] = [];
  /** Stack references asked for and not yet answered: while there are any, the timeout clock is paused. */
  const pendingReferences = new Set<string>();
  const byUrn = new Map<string, CapturedResource>();
  let output = "";
  let done: { errors: string[]; reusable: boolean } | null = null;
  let timedOutError: string | null = null;

  // Each stream is read up to the job's end mark: what comes before it is this job's, in the order written.
  const streams = [child.stdout!, child.stderr!].map((stream) => {
    const state = { pending: "", ended: false };
    const onData = (chunk: Buffer) => {
      state.pending += chunk.toString();
      const at = state.pending.indexOf(JOB_END_MARK);
      const keep = at >= 0 ? at : Math.max(0, state.pending.length - JOB_END_MARK.length);
      if (output.length < MAX_OUTPUT) output += state.pending.slice(0, keep);
      state.pending = state.pending.slice(keep);
      if (at >= 0) {
        state.ended = true;
        // Held until the next job reads on: a stream left flowing with no reader would drop what comes.
        stream.off("data", onData);
        stream.pause();
        const rest = state.pending.slice(JOB_END_MARK.length).replace(/^\n/, "");
        state.pending = "";
        if (rest) stream.unshift(Buffer.from(rest));
        settleIfDone();
      }
    };
    stream.on("data", onData);
    stream.resume();
    return { state, detach: () => stream.off("data", onData) };
  });

  const reply = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };

  // The clock stops while the program waits for upstream stacks: they run under their own timeout (and the
  // stack registry refuses cycles), so a service queued behind slow upstreams on a busy machine is not "hung".
  const clock = pausableTimer(timeoutMs, () => {
    timedOutError = timedOut(job, timeoutMs, resources.at(-1));
    child.kill("SIGKILL");
  });
  const answered = (name: string) => {
    pendingReferences.delete(name);
    if (pendingReferences.size === 0) clock.resume();
  };

  const onMessage = (message: ChildMessage) => {
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
        done = { errors: message.errors, reusable: message.reusable };
        settleIfDone();
        break;
    }
  };
  child.on("message", onMessage);

  let settle: (run: ChildProgramRun & { reusable: boolean }) => void;
  const settled = new Promise<ChildProgramRun & { reusable: boolean }>((resolve) => (settle = resolve));
  let closed: string | null = null;
  function settleIfDone(): void {
    // A process that goes on marks the end of each job's output; one that ends is read to its close, so what it
    // prints on its way out (the SDK's notice of promises left pending) is the job's too.
    const whole = done?.reusable === true && streams.every((s) => s.state.ended);
    if (!whole && closed === null) return;
    clock.stop();
    child.off("message", onMessage);
    child.off("close", onClose);
    child.off("error", onError);
    for (const stream of streams) stream.detach();
    const errors = timedOutError ? [timedOutError] : (done?.errors ?? [closed ?? "the program process ended"]);
    const reusable = whole && !timedOutError;
    settle({ resources, errors, output: withoutAnsi(output).trimEnd(), reusable });
  }
  const onError = (err: Error) => {
    closed ??= `the program process could not start: ${err.message}`;
  };
  const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
    for (const stream of streams)
      if (stream.state.pending && output.length < MAX_OUTPUT) output += stream.state.pending;
    closed ??= unfinished(code, signal, output);
    settleIfDone();
  };
  child.on("error", onError);
  child.on("close", onClose);
  return settled;
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

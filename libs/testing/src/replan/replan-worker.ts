// Runs many configs of Pulumi programs one after another in this one process, under the same AWS mocks as
// runProgram. A fresh SDK per run (what runProgram does in jest) loads the SDK and @pulumi/aws again each time,
// too slow for every Fix of every project; here the SDK and @pulumi/aws load once, and only the project's own
// modules are evaluated again for each run, with new mocks and config set first.
import * as path from "node:path";
import { awsMocks, stackLocation, startMockedRun } from "@platform/aws-mocks";
import { outputsOf } from "../promise-of";
import type { ReplanJob, ReplanRequest, ReplanResult } from "./types";

type SdkRequire = (id: string) => unknown;
interface SdkState {
  getStore(): { logErrorCount: number };
}

/** Longer than any of this repository's programs takes under mocks; a hang is reported, not waited out. */
const RUN_TIMEOUT_MS = 30_000;

export async function replanAll(request: ReplanRequest, sdkRequire: SdkRequire): Promise<ReplanResult[]> {
  const state = sdkRequire("@pulumi/pulumi/runtime/state") as SdkState;
  let current = new RunErrors();
  // A program's rejected promise that nothing awaits (a failed output, say) belongs to the run in progress.
  process.on("unhandledRejection", (err) => current.add(err));
  process.on("uncaughtException", (err) => current.add(err));

  const upstreamOutputs = new Map<string, Record<string, Record<string, unknown>>>();
  const results: ReplanResult[] = [];
  for (const job of request.jobs) {
    let stackOutputs = upstreamOutputs.get(job.env);
    if (!stackOutputs) {
      stackOutputs = {};
      for (const upstream of job.upstream) {
        current = new RunErrors();
        const run = await runOnce(state, sdkRequire, upstream, stackOutputs, current);
        if (current.messages.length)
          throw new Error(`upstream ${upstream.project}/${upstream.env} failed: ${current.messages.join("; ")}`);
        stackOutputs[`organization/${upstream.project}/${upstream.env}`] = run.outputs;
      }
      upstreamOutputs.set(job.env, stackOutputs);
    }
    current = new RunErrors();
    const run = await runOnce(state, sdkRequire, job, inOrganization(stackOutputs, job), current);
    results.push({ errors: [...new Set(current.messages)], resourceTypes: run.resourceTypes });
  }
  return results;
}

async function runOnce(
  state: SdkState,
  sdkRequire: SdkRequire,
  job: Omit<ReplanJob, "upstream">,
  stackOutputs: Record<string, Record<string, unknown>>,
  errors: RunErrors,
): Promise<{ outputs: Record<string, unknown>; resourceTypes: string[] }> {
  const mocks = awsMocks({ stackOutputs, ...stackLocation(job.values) });
  await startMockedRun(sdkRequire, mocks, {
    project: job.project,
    stack: job.env,
    organization: "organization",
    preview: false,
    config: { values: job.values, secretKeys: job.secretKeys },
  });
  const loggedBefore = state.getStore().logErrorCount;
  forgetProjectModules(job.projectDir);
  let outputs: Record<string, unknown> = {};
  try {
    // A plain require, through tsx's hook: jest-free, and the cache entries forgotten above load again.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported: unknown = await Promise.resolve(require(path.resolve(job.projectDir, "index.ts")) as unknown);
    outputs = await withTimeout(Promise.race([outputsOf(exported), errors.first]), `${job.project}/${job.env}`);
  } catch (err) {
    errors.add(err);
  }
  // Pulumi logs some failures (a rejected registration) instead of throwing them into the program.
  const logged = state.getStore().logErrorCount - loggedBefore;
  if (logged > 0) errors.add(`the program logged ${logged} error(s) through the Pulumi SDK`);
  return { outputs, resourceTypes: mocks.resources.map((r) => r.type) };
}

/**
 * The upstream stacks as the job's program names them: a Fix may set its `<project>:org` (Pulumi's default
 * `organization` otherwise), and a team that does has its upstream stacks in that organization too.
 */
function inOrganization(
  stackOutputs: Record<string, Record<string, unknown>>,
  job: ReplanJob,
): Record<string, Record<string, unknown>> {
  const org = job.values[`${job.project}:org`];
  if (!org) return stackOutputs;
  const renamed = Object.entries(stackOutputs).map<[string, Record<string, unknown>]>(([name, outputs]) => [
    name.replace(/^[^/]+\//, `${org}/`),
    outputs,
  ]);
  return { ...stackOutputs, ...Object.fromEntries(renamed) };
}

/** The project's own files run again in the next run; the SDK, aws and the workspace libraries stay loaded. */
function forgetProjectModules(projectDir: string): void {
  const prefix = path.resolve(projectDir) + path.sep;
  for (const id of Object.keys(require.cache)) {
    if (id.startsWith(prefix) && !id.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[id];
  }
}

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} did not finish within ${RUN_TIMEOUT_MS / 1000} s`)),
      RUN_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A run's errors; `first` rejects with the first, so the run stops waiting on outputs that will never resolve. */
class RunErrors {
  readonly messages: string[] = [];
  readonly first: Promise<never>;
  private fail: (err: unknown) => void = () => undefined;

  constructor() {
    this.first = new Promise<never>((_, reject) => (this.fail = reject));
    this.first.catch(() => undefined);
  }

  add(err: unknown): void {
    if (this.messages.length === 0) this.fail(err);
    this.messages.push(messageOf(err));
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

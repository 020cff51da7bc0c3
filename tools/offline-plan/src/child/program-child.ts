// Runs one Pulumi program the way the CLI's language host does (`runInPulumiStack` around the
// program's module), but against the SDK's mock monitor, and streams what it declares to the plan.
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { JOB_END_MARK, type ChildMessage, type ParentMessage } from "../types";
import { awsMocks, startMockedRun, UnansweredCallError } from "@platform/aws-mocks";
import { captureResources, type MockMonitorLike, messageOf } from "./capture-monitor";
import { FIXTURE_FILE, loadCallFixtures, unansweredCallMessage } from "./call-fixtures";
import { programFrame, recordCallSites } from "./call-sites";
import { loadProgram, missingPackage, moduleSystemOf } from "./load-program";
import { ipcResolver, type StackOutputsResolver, withStackReferences } from "./stack-reference-mocks";
import { packageRootOf } from "../entry-point";

/** The parts of the SDK's `runtime/state` module this child reads (it is loaded from the project, untyped). */
interface SdkState {
  getStore(): {
    leakCandidates?: Set<unknown>;
    logErrorCount: number;
    settings: { monitor: MockMonitorLike };
  };
}

/** What the plan hands a program process (in OFFLINE_PLAN_JOB); config travels as the CLI passes it. */
export interface ProgramJob {
  projectDir: string;
  /** The program's entry module or directory (Pulumi.yaml `main`, default the project directory). */
  entry: string;
  project: string;
  stack: string;
  organization: string;
  accountId?: string;
  region?: string;
  /** A project's extra data-source results, see call-fixtures.ts. */
  fixtureFile?: string;
}

const send = (message: ChildMessage): void => {
  process.send!(message);
};

/** What a program process keeps from one job to the next. */
interface Runner {
  projectRequire: NodeJS.Require;
  childDir: string;
  resolver: StackOutputsResolver;
  /** Where the program called each data source, by token; cleared for each job. */
  callSites: Map<string, string>;
}

/**
 * Runs `first`, then, while each job ends cleanly, the jobs the plan sends next: the same project's program for
 * another environment. Between jobs the program's own modules are forgotten, so each job loads the program afresh
 * and runs its module-level code again, as a process of its own would. The SDKs stay loaded, and their state is
 * reset as Pulumi's Automation API resets it between the inline programs one process runs (pulumi/pulumi
 * sdk/nodejs/automation/server.ts `run`: `resetOptions`, then `setAllConfig`): here `setMocks` calls `resetOptions`
 * (runtime/settings.ts `setMockOptions`), and a later job's config is set from the environment it came with.
 * What a process cannot take back is shared: properties a program sets on `globalThis`, and ES modules, which no
 * cache deletion unloads (an ES module program runs in a process of its own).
 */
export async function serve(first: ProgramJob, projectRequire: NodeJS.Require, childDir: string): Promise<void> {
  // If the plan goes away (Ctrl-C, crash) during a job, no one is left to report to.
  if (!process.connected) process.exit(1);
  let callSites = new Map<string, string>();
  try {
    callSites = recordCallSites(loadSdk(projectRequire, first.projectDir).runtime, first.projectDir);
  } catch {
    // The job reports the missing SDK.
  }
  const kept = keptModules(projectRequire);
  const runner: Runner = { projectRequire, childDir, resolver: ipcResolver(), callSites };
  for (let job: ProgramJob | undefined = first, fresh = true; job; job = await nextJob(), fresh = false) {
    if (!(await runJob(job, runner, fresh))) break;
    forgetProgramModules(kept);
  }
  if (process.connected) process.disconnect();
}

/**
 * Runs one job and reports it with "done". Resolves whether the process may run another: only after a job that
 * ended with no error, left no promise pending, and ran as CommonJS (an ES module cannot be loaded afresh).
 */
function runJob(job: ProgramJob, runner: Runner, fresh: boolean): Promise<boolean> {
  const errors: string[] = [];
  const monitorFailures: { operation: string; message: string }[] = [];
  const referenceFailures: string[] = [];
  const fail = (err: unknown) => errors.push(describe(err, job.projectDir));
  const stopped = () => process.exit(1);
  // The engine ends a deployment at its first failed registration. Under the mock monitor the outputs that
  // waited on it never settle, and the program runs out of work without ending: report what failed then,
  // instead of letting the SDK's "promises were still active" notice stand for it.
  const idle = () => {
    if (errors.length || monitorFailures.length || referenceFailures.length) finish();
  };
  process.on("disconnect", stopped);
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  process.on("beforeExit", idle);
  let settle: (reusable: boolean) => void;
  const ended = new Promise<boolean>((resolve) => (settle = resolve));
  let finished = false;
  function finish(): void {
    if (finished) return;
    finished = true;
    process.off("disconnect", stopped);
    process.off("uncaughtException", fail);
    process.off("unhandledRejection", fail);
    process.off("beforeExit", idle);
    const reported = finalErrors(errors, monitorFailures, referenceFailures);
    if (reported.length) forgetLeakedPromises(runner.projectRequire);
    const reusable =
      reported.length === 0 && moduleSystemOf(job.projectDir) === "commonjs" && !leavesPromises(runner.projectRequire);
    // Each stream carries this mark after what the job printed; the plan reads up to it, whether "done" or the
    // output arrives first. A process that ends has its output read to the end instead.
    if (reusable) for (const stream of [process.stdout, process.stderr]) stream.write(`\n${JOB_END_MARK}\n`);
    send({ kind: "done", errors: reported, reusable });
    settle(reusable);
  }
  run(job, runner, fresh, { errors, monitorFailures, referenceFailures }).then(finish, (err: unknown) => {
    fail(err);
    finish();
  });
  return ended;
}

/** The plan's next job for this process, or undefined when the plan has none and lets it go. */
function nextJob(): Promise<ProgramJob | undefined> {
  const channel = process.channel as { ref(): void; unref(): void } | undefined;
  channel?.ref();
  return new Promise((resolve) => {
    const settle = (job: ProgramJob | undefined) => {
      process.off("message", onMessage);
      process.off("disconnect", onDisconnect);
      channel?.unref();
      resolve(job);
    };
    const onMessage = (message: ParentMessage) => {
      if (message.kind !== "job") return;
      Object.assign(process.env, message.env);
      settle(message.job);
    };
    const onDisconnect = () => settle(undefined);
    process.on("message", onMessage);
    process.on("disconnect", onDisconnect);
  });
}

/**
 * The modules a process keeps between jobs: those loaded before the first program (the SDKs the launcher preloaded,
 * this runner, tsx), and whatever the SDKs load later from their own folders (@pulumi/aws loads its resource
 * modules on first use, and registers each once per process).
 */
function keptModules(projectRequire: NodeJS.Require): (file: string) => boolean {
  const loaded = new Set(Object.keys(require.cache));
  const sdkFolders = ["@pulumi/pulumi", "@pulumi/aws"].flatMap((name) => {
    try {
      return [path.dirname(projectRequire.resolve(`${name}/package.json`)) + path.sep];
    } catch {
      return [];
    }
  });
  return (file) => loaded.has(file) || sdkFolders.some((folder) => file.startsWith(folder));
}

function forgetProgramModules(kept: (file: string) => boolean): void {
  for (const file of Object.keys(require.cache)) if (!kept(file)) delete require.cache[file];
}

/**
 * The errors to report, each once. A StackReference that cannot resolve, or a data source the mocks cannot
 * answer, is the cause of everything after it (serializing a property that reads it, outputs that never settle),
 * so then it alone is reported, with whatever else failed on its own.
 */
function finalErrors(
  errors: string[],
  monitorFailures: { operation: string; message: string }[],
  referenceFailures: string[],
): string[] {
  // The SDK rejects an invoke the monitor refused with an error of no message of its own.
  const consequence = (message: string) =>
    referenceFailures.length > 0 &&
    (message.trim() === "" || referenceFailures.some((cause) => message.includes(cause)));
  const reported = [...referenceFailures, ...errors.filter((e) => !consequence(e))];
  // A failed registration usually surfaces again as the program's own error; report it once.
  for (const { operation, message } of monitorFailures) {
    if (!consequence(message) && !reported.some((e) => e.includes(message))) reported.push(`${operation}: ${message}`);
  }
  return [...new Set(reported)];
}

/**
 * After a failure, outputs that depended on the failed part never settle, and at exit the SDK would
 * print a long "promises were still active" notice. The failure is already reported; the notice only
 * buries it. (A program that succeeds keeps the notice: there it points at a real bug.)
 */
function forgetLeakedPromises(projectRequire: NodeJS.Require): void {
  try {
    (projectRequire("@pulumi/pulumi/runtime/state") as SdkState).getStore().leakCandidates?.clear();
  } catch {
    // Nothing to forget.
  }
}

/** What went wrong while the program ran, collected for its final report. */
interface Failures {
  errors: string[];
  monitorFailures: { operation: string; message: string }[];
  /** StackReferences the plan could not resolve, and calls it could not answer, as the plan explained them. */
  referenceFailures: string[];
}

async function run(job: ProgramJob, runner: Runner, fresh: boolean, failures: Failures): Promise<void> {
  const { errors, monitorFailures, referenceFailures } = failures;
  const { projectRequire, childDir } = runner;
  const sdk = loadSdk(projectRequire, job.projectDir);
  const state = projectRequire("@pulumi/pulumi/runtime/state") as SdkState;
  // `waitForRPCs` is marked @internal, so the typings leave it out; the language host relies on the same wait.
  const settings = projectRequire("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  const stackOutputs: Record<string, Record<string, unknown>> = {};
  const aws = awsMocks({
    ...(job.accountId ? { accountId: job.accountId } : {}),
    ...(job.region ? { region: job.region } : {}),
    stackOutputs,
    callResults: job.fixtureFile ? loadCallFixtures(job.fixtureFile) : {},
  });
  runner.callSites.clear();
  const siteOf = (token: string) => runner.callSites.get(token);
  const mocks = withStackReferences(aws, stackOutputs, runner.resolver, (message) => referenceFailures.push(message));
  // Config came in the environment, as the CLI passes it. The mock monitor refuses `transforms`; the engine calls
  // them for a component's children, which an offline plan does not create, so they are accepted and not run.
  await startMockedRun(projectRequire, aws, {
    // A later job's config is in the environment the plan sent with it; the SDK read the first job's at load.
    ...(fresh ? {} : { config: configFromEnvironment() }),
    project: job.project,
    stack: job.stack,
    organization: job.organization,
    preview: true,
    monitorMocks: {
      newResource: (args) => mocks.newResource(args),
      call: async (args) => {
        try {
          return await mocks.call(args);
        } catch (error) {
          if (!(error instanceof UnansweredCallError)) throw error;
          const line = unansweredCallMessage(error, siteOf(args.token), path.join(job.projectDir, FIXTURE_FILE));
          referenceFailures.push(line);
          throw new Error(line);
        }
      },
    },
  });
  captureResources(state.getStore().settings.monitor, job.project, job.stack, {
    resource: (resource) => send({ kind: "resource", resource }),
    outputs: (urn, outputs) => send({ kind: "outputs", urn, outputs }),
    failure: (operation, message) => monitorFailures.push({ operation, message }),
  });

  // The executor runs at once and turns a throw into a rejection, as the async function it replaces did.
  await sdk.runtime.runInPulumiStack(() => loadProgram(job.entry, moduleSystemOf(job.projectDir), childDir));
  // Resources declared inside `apply` callbacks register after the stack outputs settle.
  await settings.waitForRPCs();
  await new Promise((resolve) => setImmediate(resolve));
  if (state.getStore().logErrorCount > 0)
    errors.push("the program logged errors with pulumi.log.error (see its output above)");
}

function loadSdk(projectRequire: NodeJS.Require, projectDir: string): typeof pulumi {
  try {
    return projectRequire("@pulumi/pulumi") as typeof pulumi;
  } catch {
    throw new Error(
      `The program needs the package \`@pulumi/pulumi\`, which is not installed for it or in this workspace. ` +
        `Fix: run \`npm install\` in ${packageRootOf(projectDir) ?? projectDir}.`,
    );
  }
}

const configFromEnvironment = () => ({
  values: JSON.parse(process.env.PULUMI_CONFIG || "{}") as Record<string, string>,
  secretKeys: JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS || "[]") as string[],
});

/** Whether the SDK still tracks promises of the job that never settled (it reports them when the process exits). */
function leavesPromises(projectRequire: NodeJS.Require): boolean {
  return ((projectRequire("@pulumi/pulumi/runtime/state") as SdkState).getStore().leakCandidates?.size ?? 0) > 0;
}

/** An error as a person needs it: the message's first line, and where in the program it was thrown. */
function describe(err: unknown, projectDir: string): string {
  const missing = missingPackage(err, projectDir);
  if (missing !== undefined) return missing;
  // Node's require stack names the plan's own files below the program's: the program's frame says where instead.
  const message = messageOf(err).split("\nRequire stack:")[0]!;
  const frame = programFrame(err instanceof Error ? (err.stack ?? "") : "", projectDir);
  return frame ? `${message} (at ${frame})` : message;
}

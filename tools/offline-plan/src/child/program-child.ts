// Runs one Pulumi program the way the CLI's language host does (`runInPulumiStack` around the
// program's module), but against the SDK's mock monitor, and streams what it declares to the plan.
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { ChildMessage } from "../types";
import { awsMocks, startMockedRun, UnansweredCallError } from "@platform/aws-mocks";
import { captureResources, type MockMonitorLike, messageOf } from "./capture-monitor";
import { FIXTURE_FILE, loadCallFixtures, unansweredCallMessage } from "./call-fixtures";
import { programFrame, recordCallSites } from "./call-sites";
import { loadProgram, missingPackage, moduleSystemOf } from "./load-program";
import { ipcResolver, withStackReferences } from "./stack-reference-mocks";
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

/** `childDir` is this folder: the bundle this module runs from lives elsewhere (entry.js). */
export async function main(job: ProgramJob, projectRequire: NodeJS.Require, childDir: string): Promise<void> {
  const errors: string[] = [];
  const monitorFailures: { operation: string; message: string }[] = [];
  const referenceFailures: string[] = [];
  const fail = (err: unknown) => errors.push(describe(err, job.projectDir));
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    const reported = finalErrors(errors, monitorFailures, referenceFailures);
    if (reported.length) forgetLeakedPromises(projectRequire);
    send({ kind: "done", errors: reported });
    process.disconnect();
  };
  // If the plan goes away (Ctrl-C, crash), no one is left to report to.
  process.on("disconnect", () => finished || process.exit(1));
  if (!process.connected) process.exit(1);
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  // The engine ends a deployment at its first failed registration. Under the mock monitor the outputs that
  // waited on it never settle, and the program runs out of work without ending: report what failed then,
  // instead of letting the SDK's "promises were still active" notice stand for it.
  process.on("beforeExit", () => {
    if (errors.length || monitorFailures.length || referenceFailures.length) finish();
  });
  try {
    await run(job, projectRequire, childDir, { errors, monitorFailures, referenceFailures });
  } catch (err) {
    fail(err);
  }
  finish();
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

async function run(
  job: ProgramJob,
  projectRequire: NodeJS.Require,
  childDir: string,
  failures: Failures,
): Promise<void> {
  const { errors, monitorFailures, referenceFailures } = failures;
  let sdk: typeof pulumi;
  try {
    sdk = projectRequire("@pulumi/pulumi") as typeof pulumi;
  } catch {
    throw new Error(
      `The program needs the package \`@pulumi/pulumi\`, which is not installed for it or in this workspace. ` +
        `Fix: run \`npm install\` in ${packageRootOf(job.projectDir) ?? job.projectDir}.`,
    );
  }
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
  const siteOf = recordCallSites(sdk.runtime, job.projectDir);
  const mocks = withStackReferences(aws, stackOutputs, ipcResolver(), (message) => referenceFailures.push(message));
  // Config came in the environment, as the CLI passes it. The mock monitor refuses `transforms`; the engine calls
  // them for a component's children, which an offline plan does not create, so they are accepted and not run.
  await startMockedRun(projectRequire, aws, {
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

/** An error as a person needs it: the message's first line, and where in the program it was thrown. */
function describe(err: unknown, projectDir: string): string {
  const missing = missingPackage(err, projectDir);
  if (missing !== undefined) return missing;
  // Node's require stack names the plan's own files below the program's: the program's frame says where instead.
  const message = messageOf(err).split("\nRequire stack:")[0]!;
  const frame = programFrame(err instanceof Error ? (err.stack ?? "") : "", projectDir);
  return frame ? `${message} (at ${frame})` : message;
}

import * as path from "node:path";
import { readStackConfig } from "@platform/config-files/stack-files";
import type * as environments from "@platform/config/environments";
import type { EnvironmentProfile } from "@platform/config/environments";
import { type AwsMocksOptions, type RecordedResource, awsMocks, stackLocation } from "@platform/aws-mocks";
import { outputsOf } from "./promise-of";
import { type RegisteredTransform, startMockedRun } from "@platform/aws-mocks";

export interface RunProgramOptions extends AwsMocksOptions {
  /** The Pulumi project directory (holding Pulumi.yaml). */
  readonly projectDir: string;
  /** The stack, which is the environment: its Pulumi.<env>.yaml supplies the config. */
  readonly env: string;
  /** Config to set or override, by full key; `undefined` removes a key the stack file sets. */
  readonly config?: Record<string, string | undefined>;
  /** Keys of `config` to pass as secrets, as `pulumi config set --secret` would. */
  readonly secretKeys?: readonly string[];
  /**
   * Replaces fields of the environment's profile for this run only, as an edit to libs/config/src/environments.ts
   * would (the run loads its own copy of the profiles).
   */
  readonly profile?: Partial<EnvironmentProfile>;
  /** @default "organization", the Pulumi default for individual accounts */
  readonly organization?: string;
}

/** A program that failed, with the resources it had declared by then (none, when config is checked first). */
export class ProgramError extends Error {
  constructor(
    override readonly cause: Error,
    readonly resources: readonly RecordedResource[],
  ) {
    super(cause.message);
    this.name = "ProgramError";
  }
}

/**
 * The ProgramError a run rejects with, for tests of a program that must fail; a run that succeeds, or fails
 * with anything else, fails the test here.
 */
export async function programFailure(run: Promise<unknown>): Promise<ProgramError> {
  const error = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (error instanceof ProgramError) return error;
  const outcome =
    error === undefined ? "ran" : `threw ${error instanceof Error ? error.message : JSON.stringify(error)}`;
  throw new Error(`expected the program to fail with a ProgramError, but it ${outcome}`);
}

export interface ProgramRun {
  readonly outputs: Record<string, unknown>;
  readonly resources: RecordedResource[];
  /** The transforms the program passed in resource options, with the resource that carried each. */
  readonly transforms: readonly RegisteredTransform[];
  /** Resources of one type token, e.g. `aws:iam/role:Role`. */
  ofType(type: string): RecordedResource[];
  /** The single resource of a type; fails when there are none or several. */
  one(type: string): RecordedResource;
}

/**
 * Runs a project's program under the realistic AWS mocks with its stack file's config, in a fresh module
 * registry so several stacks can run in one test file, and resolves its stack outputs.
 */
export async function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
  const stack = readStackConfig(options.projectDir, options.env);
  const values: Record<string, string> = { ...stack.values };
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (value === undefined) delete values[key];
    else values[key] = value;
  }
  const secretKeys = [...stack.secretKeys, ...(options.secretKeys ?? [])];
  // The stack's own region and account, unless the test names others.
  const location = stackLocation(values);
  const region = options.region ?? location.region;
  const accountId = options.accountId ?? location.accountId;
  const mocks = awsMocks({ ...options, ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) });

  // Each run loads a fresh SDK copy, and each copy adds process exit hooks; many runs per file are expected.
  process.setMaxListeners(0);
  let outputs: Record<string, unknown>;
  let transforms: RegisteredTransform[] = [];
  try {
    let exported: unknown;
    let settings: SdkSettings | undefined;
    // jest.requireActual loads from the active registry, the isolated one here, and returns a module's value
    // as is: a program's `export = main()` is a promise, which an `import()` would wrap in a namespace.
    await jest.isolateModulesAsync(async () => {
      settings = jest.requireActual<SdkSettings>("@pulumi/pulumi/runtime/settings");
      transforms = await startMockedRun((id) => jest.requireActual<object>(id), mocks, {
        project: stack.project,
        stack: options.env,
        organization: options.organization ?? "organization",
        preview: false,
        config: { values, secretKeys },
      });
      if (options.profile) {
        const profiles = jest.requireActual<typeof environments>("@platform/config/environments");
        overrideProfile(profiles, options.env, options.profile);
      }
      exported = jest.requireActual<object>(path.resolve(options.projectDir, "index.ts"));
    });
    // A program that exports `main()` exports a promise of its outputs.
    outputs = await outputsOf(await exported);
    // Outputs can resolve before every registration has reached the mocks (a resource whose inputs wait on
    // another's outputs); the SDK's own entry point waits for its RPC queue to drain before the program ends.
    await settings!.waitForRPCs();
  } catch (err) {
    throw new ProgramError(err as Error, mocks.resources);
  }
  const ofType = (type: string) => mocks.resources.filter((r) => r.type === type);
  return {
    outputs,
    resources: mocks.resources,
    transforms,
    ofType,
    one(type) {
      const found = ofType(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0]!;
    },
  };
}

/** The part of the SDK's runtime/settings (@internal, so not in its types) that a run waits on. */
interface SdkSettings {
  waitForRPCs(): Promise<void>;
}

function overrideProfile(loaded: typeof environments, env: string, fields: Partial<EnvironmentProfile>): void {
  if (!loaded.isEnvironment(env)) throw new Error(`${env} has no environment profile to override`);
  Object.assign(loaded.ENVIRONMENT_PROFILES[env], fields);
}

/** One program run with a given config: the project, its stack (the environment) and the config to set. */
export interface ProgramConfigRun {
  readonly projectDir: string;
  /** The Pulumi project name (Pulumi.yaml `name`). */
  readonly project: string;
  readonly env: string;
  /** Config by full key (`service:cpu`), as `pulumi.runtime.setAllConfig` takes it. */
  readonly values: Record<string, string>;
  readonly secretKeys: readonly string[];
}

/** A run, and the stacks whose outputs it reads: each runs first with its own stack file, once per environment. */
export interface ReplanJob extends ProgramConfigRun {
  readonly upstream: readonly ProgramConfigRun[];
}

export interface ReplanRequest {
  readonly workspaceRoot: string;
  readonly jobs: readonly ReplanJob[];
}

export interface ReplanResult {
  /** What the program threw, rejected or logged as an error; empty when it declared its resources cleanly. */
  readonly errors: readonly string[];
  /** The type of every resource it declared, in order. */
  readonly resourceTypes: readonly string[];
}

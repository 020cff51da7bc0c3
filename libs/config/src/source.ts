import * as pulumi from "@pulumi/pulumi";
import { isConfigSecret } from "@pulumi/pulumi/runtime/config";

// The SDK offers no public "was this set with --secret?" check (`Config.getSecret` wraps any value), and
// `isConfigSecret` is marked @internal, so it is missing from the typings: declared here as the SDK defines
// it. It reads the secret-key list the CLI hands every program (PULUMI_CONFIG_SECRET_KEYS), which is exactly
// the question.
declare module "@pulumi/pulumi/runtime/config" {
  export function isConfigSecret(key: string): boolean;
}

/** Where a program's configuration comes from; the Pulumi runtime in programs, a plain object in tests. */
export interface ConfigSource {
  /** The stack's short name, e.g. `dev`. */
  readonly stack: string;
  /** The stack file the values come from, for error messages, e.g. `Pulumi.dev.yaml`. */
  readonly stackFile: string;
  /** The raw value as the CLI passes it (objects and numbers as JSON text), or undefined. */
  get(key: string): string | undefined;
  /** Every key that is set, e.g. to find misspelt ones. */
  keys(): string[];
  /** Whether the CLI marked the key secret (`pulumi config set --secret`). */
  isSecret(key: string): boolean;
}

/** The running program's configuration, exactly as the Pulumi CLI (or the offline plan) passed it. */
export function pulumiConfigSource(): ConfigSource {
  const stack = pulumi.getStack();
  const all = pulumi.runtime.allConfig();
  return {
    stack,
    stackFile: `Pulumi.${stack}.yaml`,
    get: (key) => all[key],
    keys: () => Object.keys(all),
    isSecret: (key) => isConfigSecret(key),
  };
}

/** A source over plain values, for tests and tools. */
export function staticConfigSource(
  stack: string,
  values: Record<string, string>,
  secretKeys: readonly string[] = [],
): ConfigSource {
  return {
    stack,
    stackFile: `Pulumi.${stack}.yaml`,
    get: (key) => values[key],
    keys: () => Object.keys(values),
    isSecret: (key) => secretKeys.includes(key),
  };
}

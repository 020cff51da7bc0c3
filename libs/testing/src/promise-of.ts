import * as pulumi from "@pulumi/pulumi";

/**
 * Resolves an Output (or a plain value) in a test. Works across SDK copies (Outputs are recognised by a
 * marker property), so it also resolves outputs of programs loaded in an isolated module registry.
 */
export function promiseOf<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

/** A program's stack outputs, each resolved: what its module exports (or the promise `main()` returned, settled). */
export async function outputsOf(exported: unknown): Promise<Record<string, unknown>> {
  const entries = Object.entries((exported ?? {}) as Record<string, unknown>);
  const resolved = await Promise.all(entries.map(([, value]) => promiseOf(value)));
  return Object.fromEntries(entries.map(([key], i) => [key, resolved[i]]));
}

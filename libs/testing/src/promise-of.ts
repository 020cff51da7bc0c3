import * as pulumi from "@pulumi/pulumi";

/** Resolve an Output (or a plain value) in a test. Unknown values resolve to `undefined`, as in a preview. */
export function promiseOf<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

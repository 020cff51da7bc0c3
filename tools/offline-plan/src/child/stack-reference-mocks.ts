// StackReferences resolve to the outputs of the upstream program in the same run. The program asks the
// plan for them when it declares the reference, and waits: that is how the run orders stacks by their
// references without a separate dependency declaration.
import type * as pulumi from "@pulumi/pulumi";
import type { ParentMessage, WireObject } from "../types";
import { plainValue, secretOutputNames } from "../wire-values";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

export type StackOutputsResolver = (stackName: string) => Promise<WireObject>;

/**
 * Wraps the AWS mocks so a StackReference first fetches the upstream outputs into `stackOutputs`, the
 * record the AWS mocks answer StackReferences from. A reference the plan cannot resolve is also told to
 * `unresolved`, since the program may never get to report it (see finalErrors in program-child.ts).
 */
export function withStackReferences(
  mocks: pulumi.runtime.Mocks,
  stackOutputs: Record<string, Record<string, unknown>>,
  resolve: StackOutputsResolver,
  unresolved: (message: string) => void,
): pulumi.runtime.Mocks {
  return {
    async newResource(args) {
      if (args.type !== STACK_REFERENCE) return mocks.newResource(args);
      const name = String((args.inputs as Record<string, unknown>).name);
      const wire = await resolve(name).catch((err: Error) => {
        unresolved(err.message);
        throw err;
      });
      stackOutputs[name] = plainValue(wire) as Record<string, unknown>;
      // The engine's StackReference state is { name, outputs, secretOutputNames }; the AWS mocks know no secrets.
      const result = await mocks.newResource(args);
      return { ...result, state: { ...result.state, secretOutputNames: secretOutputNames(wire) } };
    },
    call: (args) => mocks.call(args),
  };
}

/**
 * Asks the plan (the parent process) over the IPC channel. The channel keeps the process alive only
 * while a question is open: a program stuck on a promise that never settles then ends (and the plan
 * reports it) instead of hanging on the open channel.
 */
export function ipcResolver(): StackOutputsResolver {
  let nextId = 0;
  const pending = new Map<number, { resolve: (o: WireObject) => void; reject: (e: Error) => void }>();
  const channel = process.channel as { ref(): void; unref(): void } | undefined;
  channel?.unref();
  process.on("message", (message: ParentMessage) => {
    if (message.kind === "job") return;
    const waiter = pending.get(message.requestId);
    if (!waiter) return;
    pending.delete(message.requestId);
    if (!pending.size) channel?.unref();
    if (message.kind === "stack-reference-result") waiter.resolve(message.outputs);
    else waiter.reject(new Error(message.message));
  });
  return (name) =>
    new Promise((resolve, reject) => {
      const requestId = nextId++;
      pending.set(requestId, { resolve, reject });
      channel?.ref();
      process.send!({ kind: "stack-reference", requestId, name });
    });
}

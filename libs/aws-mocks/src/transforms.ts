import type * as pulumi from "@pulumi/pulumi";

/** A transform a program registered, and the resource whose options carried it. */
export interface RegisteredTransform {
  readonly resourceType: string;
  readonly resourceName: string;
  readonly transform: pulumi.ResourceTransform;
}

type Callback = (err: unknown, resp?: unknown) => void;
/** The parts of the SDK's process-wide store (runtime/state, @internal) this module sets. */
interface SdkStore {
  supportsTransforms: boolean;
  callbacks: unknown;
  readonly settings: { readonly monitor: MonitorLike };
}
interface MonitorLike {
  registerResource(
    req: { getType(): string; getName(): string; getTransformsList(): { getToken(): string }[] },
    callback: Callback,
  ): unknown;
}

/**
 * Lets a program that passes `transforms` run under the SDK's mocks, which refuse it ("The Pulumi CLI does not
 * support transforms"), and records each transform with the resource that registered it. The real engine calls
 * a component's transforms back when the component's provider registers its children (awsx's FargateService
 * and its `aws:ecs/service:Service`); the mock monitor creates no children, so a test applies the recorded
 * transform to the child's registration itself. Call right after `setMocks`, with the `require` of the SDK copy
 * that runs the program.
 */
export function acceptTransforms(sdkRequire: (id: string) => unknown): RegisteredTransform[] {
  const state = sdkRequire("@pulumi/pulumi/runtime/state") as { getStore(): SdkStore };
  const { Callback: CallbackMessage } = sdkRequire("@pulumi/pulumi/proto/callback_pb") as {
    Callback: new () => { setTarget(t: string): void; setToken(t: string): void };
  };
  const store = state.getStore();
  const pending = new Map<string, pulumi.ResourceTransform>();
  const registered: RegisteredTransform[] = [];
  store.supportsTransforms = true;
  store.callbacks = {
    // No stack transforms are registered through this object, so there is nothing to wait for or shut down.
    awaitStackRegistrations: () => Promise.resolve(),
    shutdown: () => undefined,
    registerTransform: (transform: pulumi.ResourceTransform) => {
      const token = `transform-${pending.size + registered.length + 1}`;
      pending.set(token, transform);
      const message = new CallbackMessage();
      message.setTarget("mock-callbacks");
      message.setToken(token);
      return Promise.resolve(message);
    },
  };
  const monitor = store.settings.monitor;
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    for (const callbackRef of req.getTransformsList()) {
      const transform = pending.get(callbackRef.getToken());
      if (transform === undefined) continue;
      pending.delete(callbackRef.getToken());
      registered.push({ resourceType: req.getType(), resourceName: req.getName(), transform });
    }
    return registerResource(req, callback);
  };
  return registered;
}

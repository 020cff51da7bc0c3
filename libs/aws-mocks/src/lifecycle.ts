import type { AwsMocks } from "./aws-mocks";

type Callback = (err: unknown, resp?: unknown) => void;
/** The parts of a RegisterResourceRequest this module reads. */
interface LifecycleRequest {
  getType(): string;
  getName(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
}
/** Any mock monitor: whatever request type its own declaration names, the SDK sends RegisterResourceRequests. */
interface MonitorLike {
  registerResource: (req: never, callback: Callback) => unknown;
}

/**
 * Records what each registration asks of the engine for the resource's end: `protect` (a destroy stops at it) and
 * `retainOnDelete` (a destroy leaves it in the cloud), and the paths an update leaves as they were (`ignoreChanges`,
 * which the engine applies: pulumi/pulumi pkg/resource/deploy/step_generator.go `processIgnoreChanges`). The SDK's
 * mock monitor hands the mocks none of them; this wraps
 * it, so each RecordedResource carries them. Call right after `setMocks`.
 */
export function recordLifecycle(monitor: MonitorLike, mocks: AwsMocks): void {
  const registerResource = monitor.registerResource.bind(monitor) as (req: LifecycleRequest, cb: Callback) => unknown;
  monitor.registerResource = (req: LifecycleRequest, callback: Callback) => {
    mocks.lifecycle.set(`${req.getType()}::${req.getName()}`, {
      protect: Boolean(req.getProtect()),
      retainOnDelete: Boolean(req.getRetainondelete()),
      ignoreChanges: req.getIgnorechangesList(),
    });
    return registerResource(req, callback);
  };
}

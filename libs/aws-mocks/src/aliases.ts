import type { AwsMocks } from "./aws-mocks";

type Callback = (err: unknown, resp?: unknown) => void;
/** The parts of a RegisterResourceRequest (and of its `Alias` messages) this module reads. */
interface AliasedRequest {
  getType(): string;
  getName(): string;
  getRemote(): boolean;
  getAliasesList(): { getUrn(): string; getSpec(): { getName(): string } | undefined }[];
}
interface MonitorLike {
  registerResource(req: AliasedRequest, callback: Callback): unknown;
}

/**
 * A resource registered with an alias of another name is the resource the alias names, moved: the engine moves
 * its state and the provider keeps its auto-named AWS name. The mocks have no state to keep, so this tells them the
 * former name, and they name the resource (and derive its IDs) from it, as the cloud would show it. Wraps the
 * SDK's mock monitor, which hands the mocks only the new name; call right after `setMocks`.
 *
 * Not for a packaged (remote) component, such as awsx's FargateService: its plugin registers the component and its
 * children without the aliases (libs/service-component/src/former-names.ts, `packagedPlacement`, cites the engine and
 * SDK sources), so the names its children make (the ECS service's, the task family) are derived from the new name.
 */
export function nameAfterAliases(monitor: MonitorLike, mocks: AwsMocks): void {
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    if (req.getRemote()) return registerResource(req, callback);
    const former = req
      .getAliasesList()
      .map((alias) => alias.getSpec()?.getName() || alias.getUrn().split("::").slice(3).join("::"))
      .find((name) => name && name !== req.getName());
    if (former) mocks.formerNames.set(`${req.getType()}::${req.getName()}`, former);
    return registerResource(req, callback);
  };
}

/** The mock monitor that `setMocks` installed in the SDK copy `sdkRequire` loads from. */
export function mockMonitorOf(sdkRequire: (id: string) => unknown): MonitorLike {
  const state = sdkRequire("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { monitor: MonitorLike } } };
  return state.getStore().settings.monitor;
}

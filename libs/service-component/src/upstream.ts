import type { ServiceConfig } from "./config";
import {
  type NetworkingOutputs,
  type RegistryAccessOutputs,
  readServiceUpstreamStacks,
  type ServiceUpstreamStacks,
} from "@platform/contracts";

export interface Upstream {
  readonly networking: NetworkingOutputs;
  readonly registryAccess: RegistryAccessOutputs;
  readonly registryAccessStack: string;
  /** Every stack read, with its outputs: what `UpstreamStack` records for the policy pack. */
  readonly stacks: ServiceUpstreamStacks;
}

/**
 * Reads and checks the upstream stacks of the same environment before the service declares anything. Every
 * service reads the same stacks (SERVICE_UPSTREAMS of the stack graph); messages name the service itself.
 */
export async function readUpstream(config: ServiceConfig): Promise<Upstream> {
  const stacks = await readServiceUpstreamStacks(config.name, config.env, config.org);
  return {
    networking: stacks.networking.outputs,
    registryAccess: stacks["registry-access"].outputs,
    registryAccessStack: stacks["registry-access"].stack,
    stacks,
  };
}

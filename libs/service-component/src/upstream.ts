import type { ServiceConfig } from "./config";
import { type NetworkingOutputs, type RegistryAccessOutputs, readUpstreamStacks } from "@platform/contracts";

export interface Upstream {
  readonly networking: NetworkingOutputs;
  readonly registryAccess: RegistryAccessOutputs;
  readonly registryAccessStack: string;
}

/**
 * Reads and checks the upstream stacks of the same environment before the service declares anything. Every
 * service reads the stacks the `service` entry of the stack graph names; messages name the service itself.
 */
export async function readUpstream(config: ServiceConfig): Promise<Upstream> {
  const stacks = await readUpstreamStacks("service", config.env, config.org, config.name);
  return {
    networking: stacks.networking.outputs,
    registryAccess: stacks["registry-access"].outputs,
    registryAccessStack: stacks["registry-access"].stack,
  };
}

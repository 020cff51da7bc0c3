import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "@platform/config";
import {
  type NetworkingOutputs,
  type RegistryAccessOutputs,
  networkingContract,
  readStack,
  registryAccessContract,
  stackName,
  stackReference,
} from "@platform/contracts";

export interface Upstream {
  readonly networking: NetworkingOutputs;
  readonly registryAccess: RegistryAccessOutputs;
  readonly registryAccessStack: string;
}

/** Reads and checks both upstream stacks of the same environment before the service declares anything. */
export async function readUpstream(config: ServiceConfig): Promise<Upstream> {
  const org = config.org ?? pulumi.getOrganization();
  const networkingStack = stackName(org, "networking", config.env);
  const registryAccessStack = stackName(org, "registry-access", config.env);
  const [networking, registryAccess] = await Promise.all([
    readStack(stackReference(networkingStack), networkingStack, networkingContract, "service"),
    readStack(stackReference(registryAccessStack), registryAccessStack, registryAccessContract, "service"),
  ]);
  return { networking, registryAccess, registryAccessStack };
}

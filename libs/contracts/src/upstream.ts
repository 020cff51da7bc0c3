import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";
import type { z } from "zod";
import { type Contract, networkingContract, registryAccessContract, serviceContract } from "./outputs";
import { readStack, stackReference } from "./read-stack";
import { type ContractName, type ProjectName, SERVICE_UPSTREAMS, stackName, UPSTREAM_PROJECTS } from "./stacks";

/** Each contract, by name: a producer project's own, and `service`, which every service project exports. */
export const CONTRACTS = {
  networking: networkingContract,
  "registry-access": registryAccessContract,
  service: serviceContract,
} as const;

export type OutputsOf<P extends ContractName> = z.infer<(typeof CONTRACTS)[P]["schema"]>;
type UpstreamOf<C extends ProjectName> = (typeof UPSTREAM_PROJECTS)[C][number];

/** A consumer's upstream stacks of one environment: each stack's name and its checked outputs. */
export type UpstreamStacks<C extends ProjectName> = {
  readonly [P in UpstreamOf<C>]: { readonly stack: string; readonly outputs: OutputsOf<P> };
};

/** A service's upstream stacks of one environment (SERVICE_UPSTREAMS). */
export type ServiceUpstreamStacks = {
  readonly [P in (typeof SERVICE_UPSTREAMS)[number]]: { readonly stack: string; readonly outputs: OutputsOf<P> };
};

/**
 * Reads every stack `consumer` declares in UPSTREAM_PROJECTS, for the same environment, through its
 * contract. A program names only itself here: it never spells another project's stack, and it cannot
 * read a stack the nx graph does not know about.
 * @param org @default pulumi.getOrganization()
 */
export async function readUpstreamStacks<C extends ProjectName>(
  consumer: C,
  env: Environment,
  org?: string,
): Promise<UpstreamStacks<C>> {
  return (await readStacks(UPSTREAM_PROJECTS[consumer], env, org, consumer)) as UpstreamStacks<C>;
}

/**
 * Reads the stacks every service reads (SERVICE_UPSTREAMS), for the same environment, through their contracts.
 * @param service the service project that reads, for messages; any service program reads the same stacks.
 * @param org @default pulumi.getOrganization()
 */
export async function readServiceUpstreamStacks(
  service: string,
  env: Environment,
  org?: string,
): Promise<ServiceUpstreamStacks> {
  return (await readStacks(SERVICE_UPSTREAMS, env, org, service)) as ServiceUpstreamStacks;
}

async function readStacks(
  upstream: readonly ProjectName[],
  env: Environment,
  org: string | undefined,
  reader: string,
): Promise<Record<string, { stack: string; outputs: unknown }>> {
  const owner = org ?? pulumi.getOrganization();
  const entries = await Promise.all(
    upstream.map(async (project) => {
      const stack = stackName(owner, project, env);
      const contract: Contract<z.ZodRawShape> = CONTRACTS[project as "networking" | "registry-access"];
      return [project, { stack, outputs: await readStack(stackReference(stack), stack, contract, reader) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

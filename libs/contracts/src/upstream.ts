import * as pulumi from "@pulumi/pulumi";
import type { Environment } from "@platform/config";
import type { z } from "zod";
import { type Contract, networkingContract, registryAccessContract, serviceContract } from "./outputs";
import { readStack, stackReference } from "./read-stack";
import { type ProjectName, stackName, UPSTREAM_PROJECTS } from "./stacks";

/** Each project's contract, by project name. */
export const CONTRACTS = {
  networking: networkingContract,
  "registry-access": registryAccessContract,
  service: serviceContract,
} as const;

export type OutputsOf<P extends ProjectName> = z.infer<(typeof CONTRACTS)[P]["schema"]>;
type UpstreamOf<C extends ProjectName> = (typeof UPSTREAM_PROJECTS)[C][number];

/** A consumer's upstream stacks of one environment: each stack's name and its checked outputs. */
export type UpstreamStacks<C extends ProjectName> = {
  readonly [P in UpstreamOf<C>]: { readonly stack: string; readonly outputs: OutputsOf<P> };
};

/**
 * Reads every stack `consumer` declares in UPSTREAM_PROJECTS, for the same environment, through its
 * contract. A program names only itself here: it never spells another project's stack, and it cannot
 * read a stack the nx graph does not know about.
 * @param org @default pulumi.getOrganization()
 * @param reader who reads, for messages: a service project reads as the `service` entry under its own name.
 */
export async function readUpstreamStacks<C extends ProjectName>(
  consumer: C,
  env: Environment,
  org?: string,
  reader: string = consumer,
): Promise<UpstreamStacks<C>> {
  const owner = org ?? pulumi.getOrganization();
  const upstream: readonly ProjectName[] = UPSTREAM_PROJECTS[consumer];
  const entries = await Promise.all(
    upstream.map(async (project) => {
      const stack = stackName(owner, project, env);
      const contract: Contract<z.ZodRawShape> = CONTRACTS[project];
      return [project, { stack, outputs: await readStack(stackReference(stack), stack, contract, reader) }] as const;
    }),
  );
  return Object.fromEntries(entries) as UpstreamStacks<C>;
}

import type { Environment } from "@platform/config";

/**
 * The service projects: each is a Pulumi project whose program is libs/service-component, exports the service
 * contract and reads the stacks in SERVICE_UPSTREAMS. This list is how every tool knows a project is a service
 * (`isServiceProject`); `npx nx g @platform/nx-pulumi:service` adds to it.
 */
export const SERVICE_PROJECTS = ["service", "whoami"] as const;

/** The stacks every service reads, in its environment. */
export const SERVICE_UPSTREAMS = ["networking", "registry-access"] as const;

export type ServiceProject = (typeof SERVICE_PROJECTS)[number];

/** The Pulumi projects of this repository, by their `Pulumi.yaml` name. */
export type ProjectName = "networking" | "registry-access" | ServiceProject | typeof DELIVERY_PROJECT;

/**
 * The project whose one stack (`repository`) sets up delivery for the whole repository; it has no stack per
 * environment and reads no other stack.
 */
export const DELIVERY_PROJECT = "delivery";

/** The stack of a project that has one per repository, not one per environment (`Pulumi.repository.yaml`). */
export const REPOSITORY_STACK = "repository";

/** The contract a project's outputs follow: its own, or the one contract every service shares. */
export type ContractName = "networking" | "registry-access" | "service";

type ServiceEntries = { readonly [S in ServiceProject]: typeof SERVICE_UPSTREAMS };

/**
 * The stack graph: which projects' stacks each project reads through StackReference, in the same
 * environment. Programs read their upstream stacks through `readUpstreamStacks`, which takes the list
 * from here, and the nx plugin derives its graph from here, so the two cannot disagree. (This file has
 * no runtime imports: the nx plugin loads it every time it builds the graph.)
 */
export const UPSTREAM_PROJECTS = {
  networking: [],
  "registry-access": [],
  [DELIVERY_PROJECT]: [],
  ...(Object.fromEntries(SERVICE_PROJECTS.map((service) => [service, SERVICE_UPSTREAMS])) as ServiceEntries),
} as const satisfies Readonly<Record<ProjectName, readonly ProjectName[]>>;

/** Whether a Pulumi project is one of the service projects. */
export function isServiceProject(name: string): name is ServiceProject {
  return (SERVICE_PROJECTS as readonly string[]).includes(name);
}

/** `<org>/<project>/<env>`: the one place a stack name is spelled. */
export function stackName(org: string, project: ProjectName, env: Environment): string {
  return `${org}/${project}/${env}`;
}

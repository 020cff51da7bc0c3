import type { Environment } from "@platform/config";

/** The Pulumi projects of this repository, by their `Pulumi.yaml` name. */
export type ProjectName = "networking" | "registry-access" | "service";

/**
 * The stack graph: which projects' stacks each project reads through StackReference, in the same
 * environment. Programs read their upstream stacks through `readUpstreamStacks`, which takes the list
 * from here, and the nx plugin derives its graph from here, so the two cannot disagree. (This file has
 * no runtime imports: the nx plugin loads it every time it builds the graph.)
 */
export const UPSTREAM_PROJECTS = {
  networking: [],
  "registry-access": [],
  service: ["networking", "registry-access"],
} as const satisfies Readonly<Record<ProjectName, readonly ProjectName[]>>;

/** `<org>/<project>/<env>`: the one place a stack name is spelled. */
export function stackName(org: string, project: ProjectName, env: Environment): string {
  return `${org}/${project}/${env}`;
}

import type { Environment } from "@platform/config";

/** The Pulumi projects of this repository, by their `Pulumi.yaml` name. */
export type ProjectName = "networking" | "registry-access" | "service";

/**
 * The stack graph: which projects' stacks each project reads through StackReference, in the same
 * environment. The nx plugin and the offline plan derive their ordering from here.
 */
export const UPSTREAM_PROJECTS: Readonly<Record<ProjectName, readonly ProjectName[]>> = {
  networking: [],
  "registry-access": [],
  service: ["networking", "registry-access"],
};

/** `<org>/<project>/<env>`: the one place a stack name is spelled. */
export function stackName(org: string, project: ProjectName, env: Environment): string {
  return `${org}/${project}/${env}`;
}

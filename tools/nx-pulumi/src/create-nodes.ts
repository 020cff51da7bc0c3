import { REPOSITORY_STACK } from "@platform/contracts/stacks";
import type { CreateNodesContext, CreateNodesResult, CreateNodesV2 } from "@nx/devkit";
import { resolveOptions, type NxPulumiOptions } from "./options";
import { resolveOrgs } from "./org";
import { readPulumiProject, type PulumiProject } from "./pulumi-project";
import { loadStackGraph, upstreamsOf, validateStackGraph } from "./stack-graph";
import { pulumiTargets } from "./targets";

/** Facts the plugin records on each Pulumi project; createDependencies and tests read them back. */
export interface PulumiProjectMetadata {
  /** Pulumi.yaml `name`. */
  readonly project: string;
  /** Projects whose stacks this one reads (from the stack graph). */
  readonly stackReferences: readonly string[];
  readonly environments: readonly string[];
  /** Workspace-relative policy pack folders the project is previewed and deployed with. */
  readonly policyPacks: readonly string[];
}

export const PULUMI_PROJECT_FILE = "**/Pulumi.yaml";

/**
 * Infers an nx project with plan/preview/up/refresh/destroy targets for every Pulumi.yaml. All Pulumi.yaml files
 * arrive in one call, which is what lets the plugin check the stack graph as a whole and give each project the
 * list of projects that read its stacks (for destroy ordering).
 */
export const createNodesV2: CreateNodesV2<NxPulumiOptions> = [
  PULUMI_PROJECT_FILE,
  (projectFiles, rawOptions, context) => inferPulumiProjects(projectFiles, rawOptions, context),
];

export function inferPulumiProjects(
  projectFiles: readonly string[],
  rawOptions: NxPulumiOptions | undefined,
  context: CreateNodesContext,
): Array<readonly [string, CreateNodesResult]> {
  const options = resolveOptions(rawOptions);
  const projects = projectFiles.map((file) => readPulumiProject(context.workspaceRoot, file, options.environments));
  rejectDuplicateNames(projects);
  const graph = loadStackGraph(context.workspaceRoot, options.stackGraphModule);
  validateStackGraph(graph, projects, options.stackGraphModule);
  const orgs = resolveOrgs(projects);
  const productionInput = context.nxJsonConfiguration.namedInputs?.["production"] ? "production" : "default";

  const rootOf = new Map(projects.map((p) => [p.name, p.root]));

  return projects.map((project, i) => {
    const metadata: PulumiProjectMetadata = {
      project: project.name,
      stackReferences: [...(graph[project.name] ?? [])],
      environments: project.environments,
      policyPacks: options.policyPacks,
    };
    const result: CreateNodesResult = {
      projects: {
        [project.root]: {
          name: project.name,
          projectType: "application",
          // `stack:per-repository` keeps a per-repository stack out of the workflows' per-environment loops.
          tags: [
            "type:pulumi-project",
            `scope:${project.name}`,
            ...(project.environments.includes(REPOSITORY_STACK) ? ["stack:per-repository"] : []),
          ],
          targets: pulumiTargets(project, {
            options,
            orgs,
            upstreamRoots: upstreamsOf(graph, project.name).map((upstream) => rootOf.get(upstream)!),
            productionInput,
          }),
          metadata: { pulumi: metadata },
        },
      },
    };
    return [projectFiles[i]!, result] as const;
  });
}

function rejectDuplicateNames(projects: readonly PulumiProject[]): void {
  const seen = new Map<string, string>();
  for (const project of projects) {
    const other = seen.get(project.name);
    if (other) {
      throw new Error(
        `${other}/Pulumi.yaml and ${project.root}/Pulumi.yaml both declare \`name: ${project.name}\`; ` +
          `their stacks would collide as <org>/${project.name}/<env>. Rename one.`,
      );
    }
    seen.set(project.name, project.root);
  }
}

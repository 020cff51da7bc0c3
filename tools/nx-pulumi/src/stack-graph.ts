import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PulumiProject } from "./pulumi-project";

/** Project name -> the projects whose stacks it reads through StackReference (same environment). */
export type StackGraph = Readonly<Record<string, readonly string[]>>;

/** The module and export that declare the stack graph; the programs read their upstream stacks from it too. */
export const STACK_GRAPH_EXPORT = "UPSTREAM_PROJECTS";

/**
 * Loads `UPSTREAM_PROJECTS` from the contracts module (TypeScript, transpiled by the TS loader nx registers for
 * local plugins, and by @swc/jest in tests). Reading the declaration the programs use, instead of a copy in
 * nx.json or project.json, is what keeps deploy order and the code from drifting apart.
 */
export function loadStackGraph(workspaceRoot: string, modulePath: string): StackGraph {
  const file = join(workspaceRoot, modulePath);
  if (!existsSync(file)) {
    throw new Error(
      `@platform/nx-pulumi: the stack graph module ${modulePath} does not exist. It must export ` +
        `${STACK_GRAPH_EXPORT} (project -> upstream projects); set the plugin option \`stackGraphModule\` in nx.json to where it is.`,
    );
  }
  // The nx daemon keeps plugin workers alive: drop the cached module so an edit to the graph is seen.
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time, loaded fresh
  const graph = (require(file) as Record<string, unknown>)[STACK_GRAPH_EXPORT];
  if (!isStackGraph(graph)) {
    throw new Error(
      `${modulePath}: ${STACK_GRAPH_EXPORT} must be an object of project name -> array of upstream project names ` +
        `(got ${JSON.stringify(graph)}).`,
    );
  }
  return graph;
}

function isStackGraph(value: unknown): value is StackGraph {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((ups) => Array.isArray(ups) && ups.every((u) => typeof u === "string"))
  );
}

/**
 * Checks the graph against the Pulumi projects found on disk, so that deploy order can never be silently wrong:
 * every project is declared, every upstream exists, there is no cycle, and a project and its upstreams have
 * stacks for the same environments (otherwise `nx run service:up:prod` would fall back to an upstream's
 * default configuration and deploy its dev stack).
 */
export function validateStackGraph(graph: StackGraph, projects: readonly PulumiProject[], modulePath: string): void {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const project of projects) {
    if (!(project.name in graph)) {
      problems.push(
        `${project.root}/Pulumi.yaml declares project "${project.name}", which ${STACK_GRAPH_EXPORT} does not list. ` +
          `Add \`"${project.name}": [<projects whose stacks it reads>]\` to ${modulePath}; a service project is added ` +
          `to its SERVICE_PROJECTS (\`npx nx g @platform/nx-pulumi:service\` does that).`,
      );
    }
  }
  for (const [name, upstreams] of Object.entries(graph)) {
    const project = byName.get(name);
    if (!project) {
      problems.push(
        `${STACK_GRAPH_EXPORT} lists "${name}", but no Pulumi.yaml has \`name: ${name}\`. Remove it or fix the name.`,
      );
      continue;
    }
    for (const upstream of upstreams) {
      const up = byName.get(upstream);
      if (!up) {
        problems.push(
          `${STACK_GRAPH_EXPORT}["${name}"] reads "${upstream}", but no Pulumi.yaml has \`name: ${upstream}\`.`,
        );
      } else if (up.environments.join() !== project.environments.join()) {
        problems.push(
          `${name} (${project.root}) has stacks [${project.environments.join(", ")}] but its upstream ${upstream} ` +
            `(${up.root}) has [${up.environments.join(", ")}]; stacks that reference each other must exist in the same ` +
            `environments, or up/destroy would pair different environments. Add or remove Pulumi.<env>.yaml files to match.`,
        );
      }
    }
  }
  const cycle = findCycle(graph);
  if (cycle)
    problems.push(`${STACK_GRAPH_EXPORT} has a cycle: ${cycle.join(" -> ")}. Stacks cannot read each other in a loop.`);
  if (problems.length) {
    throw new Error(
      `The stack graph in ${modulePath} does not match the Pulumi projects:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

/** Projects that read `name`'s stacks: they must be destroyed before it. */
export function dependentsOf(graph: StackGraph, name: string): string[] {
  return Object.keys(graph)
    .filter((candidate) => graph[candidate]!.includes(name))
    .sort();
}

/** Every project whose stacks `name` reads, directly or through another, upstream first. */
export function upstreamsOf(graph: StackGraph, name: string): string[] {
  const ordered: string[] = [];
  const visit = (project: string) => {
    for (const upstream of graph[project] ?? []) {
      if (ordered.includes(upstream)) continue;
      visit(upstream);
      ordered.push(upstream);
    }
  };
  visit(name);
  return ordered;
}

function findCycle(graph: StackGraph): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === "visiting") return [...path.slice(path.indexOf(name)), name];
    if (state.get(name) === "done") return undefined;
    state.set(name, "visiting");
    for (const upstream of graph[name] ?? []) {
      const cycle = visit(upstream, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, "done");
    return undefined;
  };
  for (const name of Object.keys(graph)) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

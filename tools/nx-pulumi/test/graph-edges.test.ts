import type { ProjectGraph } from "@nx/devkit";
import { UPSTREAM_PROJECTS } from "@platform/contracts/stacks";
import { workspaceGraph } from "./support/workspace-graph";
import { PULUMI_PROJECTS, platformImportsOf, stackReadsOf } from "./support/pulumi-projects";

let graph: ProjectGraph;
beforeAll(async () => {
  graph = await workspaceGraph();
});

const edgesOf = (source: string) => graph.dependencies[source] ?? [];
const implicitTargets = (source: string) =>
  edgesOf(source)
    .filter((e) => e.type === "implicit")
    .map((e) => e.target)
    .sort();

/** The disk lists the projects; the stack graph must know each of them. */
function upstreamOf(project: string): readonly string[] {
  const upstream = (UPSTREAM_PROJECTS as Readonly<Record<string, readonly string[]>>)[project];
  if (!upstream)
    throw new Error(`projects/${project} has a Pulumi.yaml but no entry in UPSTREAM_PROJECTS (libs/contracts)`);
  return upstream;
}

describe("the project graph", () => {
  it("has one project per Pulumi.yaml, named after the Pulumi project and tagged as one", () => {
    const pulumiProjects = Object.values(graph.nodes).filter((n) => n.data.tags?.includes("type:pulumi-project"));
    expect(pulumiProjects.map((n) => [n.name, n.data.root]).sort()).toEqual(
      PULUMI_PROJECTS.map((p) => [p, `projects/${p}`]),
    );
    for (const node of pulumiProjects) expect(node.data.tags).toContain(`scope:${node.name}`);
  });

  it("makes the service depend on the networking and registry-access stacks it reads", () => {
    expect(implicitTargets("service")).toEqual(["fargate-guard", "networking", "registry-access"]);
  });

  it("carries exactly the stack references libs/contracts declares, as implicit edges", () => {
    for (const project of PULUMI_PROJECTS) {
      const stackEdges = implicitTargets(project).filter((t) => t !== "fargate-guard");
      expect({ project, stackEdges }).toEqual({ project, stackEdges: [...upstreamOf(project)].sort() });
    }
  });

  it("lets programs read other stacks only through readUpstreamStacks, as themselves", () => {
    for (const project of PULUMI_PROJECTS) {
      const expected = { consumers: upstreamOf(project).length ? [project] : [], bypasses: [] };
      expect({ project, ...stackReadsOf(project) }).toEqual({ project, ...expected });
    }
  });

  it("makes every Pulumi project depend on the fargate-guard policy pack", () => {
    for (const project of PULUMI_PROJECTS) expect(implicitTargets(project)).toContain("fargate-guard");
  });

  it("makes every Pulumi project depend on each workspace lib its program imports", () => {
    for (const project of PULUMI_PROJECTS) {
      const imported = platformImportsOf(project);
      expect(imported.length).toBeGreaterThan(0);
      const staticTargets = edgesOf(project)
        .filter((e) => e.type === "static")
        .map((e) => e.target);
      expect({ project, missing: imported.filter((lib) => !staticTargets.includes(lib)) }).toEqual({
        project,
        missing: [],
      });
    }
  });

  it("never makes a stack the dependency of one of its own upstreams", () => {
    expect(implicitTargets("networking")).toEqual(["fargate-guard"]);
    expect(implicitTargets("registry-access")).toEqual(["fargate-guard"]);
  });
});

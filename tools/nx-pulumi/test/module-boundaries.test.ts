// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import type { ProjectGraph, ProjectGraphDependency } from "@nx/devkit";
import { findBoundaryViolations } from "../src/module-boundaries";
import { workspaceGraph } from "./support/workspace-graph";

/** A small graph with the workspace's kinds of projects, for rules the real workspace (rightly) never breaks. */
function graphWith(
  extraEdges: Array<[string, string, ProjectGraphDependency["type"]]>,
  tagOverrides: Record<string, string[]> = {},
): ProjectGraph {
  const tags: Record<string, string[]> = {
    networking: ["type:pulumi-project", "scope:networking"],
    service: ["type:pulumi-project", "scope:service"],
    contracts: ["type:lib", "scope:shared"],
    "fargate-guard": ["type:policy-pack", "scope:shared"],
    "offline-plan": ["type:tool", "scope:tooling"],
    ...tagOverrides,
  };
  const nodes = Object.fromEntries(
    Object.entries(tags).map(([name, t]) => [name, { name, type: "lib" as const, data: { root: name, tags: t } }]),
  );
  const dependencies: ProjectGraph["dependencies"] = Object.fromEntries(Object.keys(tags).map((n) => [n, []]));
  const edges: Array<[string, string, ProjectGraphDependency["type"]]> = [
    ["service", "networking", "implicit"],
    ["service", "contracts", "static"],
    ["service", "fargate-guard", "implicit"],
    ["service", "npm:@pulumi/pulumi", "static"],
    ...extraEdges,
  ];
  for (const [source, target, type] of edges) dependencies[source]!.push({ source, target, type });
  return { nodes, dependencies, externalNodes: {} };
}

describe("module boundaries", () => {
  it("finds no violation in this workspace's project graph", async () => {
    const graph = await workspaceGraph();
    expect(findBoundaryViolations(graph)).toEqual([]);
  });

  it("allows a stack reference between Pulumi projects, a lib import and the policy pack", () => {
    expect(findBoundaryViolations(graphWith([]))).toEqual([]);
  });

  it("rejects a Pulumi project that imports another Pulumi project", () => {
    const violations = findBoundaryViolations(graphWith([["service", "networking", "static"]]));
    expect(violations).toEqual([
      expect.objectContaining({
        source: "service",
        target: "networking",
        message: expect.stringContaining("only through a stack reference"),
      }),
    ]);
  });

  it("rejects a lib that depends on a Pulumi project, even implicitly", () => {
    const violations = findBoundaryViolations(graphWith([["contracts", "service", "implicit"]]));
    expect(violations.map((v) => [v.source, v.target])).toEqual([["contracts", "service"]]);
  });

  it("rejects a policy pack or a tool that imports a Pulumi project", () => {
    const violations = findBoundaryViolations(
      graphWith([
        ["fargate-guard", "service", "static"],
        ["offline-plan", "networking", "dynamic"],
      ]),
    );
    expect(violations.map((v) => [v.source, v.target])).toEqual([
      ["fargate-guard", "service"],
      ["offline-plan", "networking"],
    ]);
  });

  it("rejects a project without exactly one type tag and one scope tag", () => {
    const violations = findBoundaryViolations(
      graphWith([], { contracts: ["scope:shared"], "offline-plan": ["type:tool", "type:lib", "scope:tooling"] }),
    );
    const untagged = violations.filter((v) => v.target === undefined).map((v) => v.source);
    expect(untagged).toEqual(["contracts", "offline-plan"]);
  });

  it("rejects an import across scopes that is not into scope:shared", () => {
    const violations = findBoundaryViolations(
      graphWith([["networking", "contracts", "static"]], { contracts: ["type:lib", "scope:service"] }),
    );
    expect(violations).toEqual([
      expect.objectContaining({
        source: "networking",
        target: "contracts",
        message: expect.stringContaining("scope:networking may import only"),
      }),
    ]);
  });
});

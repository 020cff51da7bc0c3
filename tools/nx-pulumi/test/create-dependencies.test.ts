import type { CreateDependenciesContext, ProjectConfiguration } from "@nx/devkit";
import { createDependencies } from "../src/create-dependencies";
import type { PulumiProjectMetadata } from "../src/create-nodes";

const pulumi = (
  project: string,
  stackReferences: string[],
  policyPacks = ["policies/guard"],
): Partial<ProjectConfiguration> => ({
  metadata: {
    pulumi: { project, stackReferences, environments: ["dev"], policyPacks } satisfies PulumiProjectMetadata,
  },
});

function contextWith(
  projects: Record<string, Partial<ProjectConfiguration> & { root: string }>,
): CreateDependenciesContext {
  return {
    projects,
    externalNodes: {},
    nxJsonConfiguration: {},
    fileMap: { projectFileMap: {}, nonProjectFiles: [] },
    filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
    workspaceRoot: "/ws",
  };
}

describe("createDependencies", () => {
  it("adds an implicit edge to each stack read and to each policy pack, resolving the pack by folder", async () => {
    const edges = await createDependencies(
      undefined,
      contextWith({
        net: { root: "p/net", ...pulumi("net", []) },
        app: { root: "p/app", ...pulumi("app", ["net"]) },
        "guard-pack": { root: "policies/guard" },
      }),
    );
    expect(edges).toEqual([
      { source: "net", target: "guard-pack", type: "implicit" },
      { source: "app", target: "net", type: "implicit" },
      { source: "app", target: "guard-pack", type: "implicit" },
    ]);
  });

  it("fails when an nx project name differs from its Pulumi project name, which deploy ordering relies on", async () => {
    const context = contextWith({
      "@platform/app": { root: "p/app", ...pulumi("app", []) },
      guard: { root: "policies/guard" },
    });
    await expect(async () => createDependencies(undefined, context)).rejects.toThrow(
      'p/app: the nx project is named "@platform/app" but its Pulumi.yaml says `name: app`. Set "name": "app" in p/app/project.json',
    );
  });

  it("fails when a policy pack folder is not an nx project", async () => {
    const context = contextWith({ app: { root: "p/app", ...pulumi("app", [], ["policies/missing"]) } });
    await expect(async () => createDependencies(undefined, context)).rejects.toThrow(
      /The policy pack folder policies\/missing .* is not an nx project/,
    );
  });
});

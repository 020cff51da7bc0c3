import { infer, pulumiProject, stackGraphModule, tempWorkspace } from "./support/temp-workspace";

const twoProjects = (
  graph: Record<string, string[]>,
  appStacks: Record<string, Record<string, string>> = { dev: {} },
) =>
  tempWorkspace({
    ...pulumiProject("p/net", "net", { dev: {} }),
    ...pulumiProject("p/app", "app", appStacks),
    ...stackGraphModule(graph),
  });
const inferBoth = (ws: string) => infer(ws, ["p/net/Pulumi.yaml", "p/app/Pulumi.yaml"]);

describe("inference refuses what would make deploys wrong", () => {
  it("rejects a stack file whose name is not an environment, naming the file", () => {
    const ws = tempWorkspace({
      ...pulumiProject("p/app", "app", { dev: {}, sandbox: {} }),
      ...stackGraphModule({ app: [] }),
    });
    expect(() => infer(ws, ["p/app/Pulumi.yaml"])).toThrow(
      /p\/app\/Pulumi\.sandbox\.yaml: the stack "sandbox" is not an environment; .*dev, staging, prod/,
    );
  });

  it("rejects a Pulumi project the stack graph does not list", () => {
    expect(() => inferBoth(twoProjects({ net: [] }))).toThrow(
      /declares project "app", which UPSTREAM_PROJECTS does not list/,
    );
  });

  it("rejects an upstream that is not a Pulumi project", () => {
    expect(() => inferBoth(twoProjects({ net: [], app: ["dns"] }))).toThrow(
      /UPSTREAM_PROJECTS\["app"\] reads "dns", but no Pulumi.yaml has `name: dns`/,
    );
  });

  it("rejects a project whose upstream has stacks in other environments", () => {
    const ws = twoProjects({ net: [], app: ["net"] }, { dev: {}, prod: {} });
    expect(() => inferBoth(ws)).toThrow(
      /app \(p\/app\) has stacks \[dev, prod\] but its upstream net \(p\/net\) has \[dev\]/,
    );
  });

  it("rejects stack references in a cycle", () => {
    expect(() => inferBoth(twoProjects({ net: ["app"], app: ["net"] }))).toThrow(
      /cycle: (net -> app -> net|app -> net -> app)/,
    );
  });

  it("rejects stack files of one environment that name different orgs", () => {
    const ws = tempWorkspace({
      ...pulumiProject("p/net", "net", { dev: { "net:org": "acme" } }),
      ...pulumiProject("p/app", "app", { dev: { "app:org": "other" } }),
      ...stackGraphModule({ net: [], app: ["net"] }),
    });
    expect(() => inferBoth(ws)).toThrow(
      /The dev stacks disagree on their Pulumi org: p\/net\/Pulumi.dev.yaml sets `net:org` to "acme"; p\/app\/Pulumi.dev.yaml sets `app:org` to "other"/,
    );
  });

  it("rejects an org that is not a Pulumi organization name", () => {
    const ws = tempWorkspace({
      ...pulumiProject("p/app", "app", { dev: { "app:org": "'acme corp'" } }),
      ...stackGraphModule({ app: [] }),
    });
    expect(() => infer(ws, ["p/app/Pulumi.yaml"])).toThrow(
      /p\/app\/Pulumi.dev.yaml: `app:org` is "acme corp"; it must be a Pulumi organization name/,
    );
  });

  it("rejects a Pulumi.yaml whose name cannot name stacks and nx projects", () => {
    const ws = tempWorkspace({ "p/app/Pulumi.yaml": "name: my app\nruntime: nodejs\n", ...stackGraphModule({}) });
    expect(() => infer(ws, ["p/app/Pulumi.yaml"])).toThrow(/p\/app\/Pulumi.yaml: `name` is "my app"/);
  });

  it("rejects two Pulumi.yaml files with the same name", () => {
    const ws = tempWorkspace({
      ...pulumiProject("a/app", "app", { dev: {} }),
      ...pulumiProject("b/app", "app", { dev: {} }),
      ...stackGraphModule({ app: [] }),
    });
    expect(() => infer(ws, ["a/app/Pulumi.yaml", "b/app/Pulumi.yaml"])).toThrow(
      /a\/app\/Pulumi.yaml and b\/app\/Pulumi.yaml both declare `name: app`/,
    );
  });

  it("rejects a workspace whose stack graph module is missing", () => {
    const ws = tempWorkspace(pulumiProject("p/app", "app", { dev: {} }));
    expect(() => infer(ws, ["p/app/Pulumi.yaml"])).toThrow(
      /the stack graph module libs\/contracts\/src\/stacks.ts does not exist/,
    );
  });
});

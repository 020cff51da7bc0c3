import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ProjectGraph, TargetConfiguration } from "@nx/devkit";
import { checkTargetsOf } from "../src/check-targets";
import { tempWorkspace } from "./support/temp-workspace";
import { workspaceGraph } from "./support/workspace-graph";
import { ENVIRONMENT_PROJECTS, stackEnvironmentsOnDisk } from "./support/pulumi-projects";
import { isServiceProject, SERVICE_PROJECTS } from "@platform/contracts/stacks";

const WORKSPACE_ROOT = resolve(__dirname, "..", "..", "..");

let graph: ProjectGraph;
beforeAll(async () => {
  graph = await workspaceGraph();
});

const target = (project: string, name: string): TargetConfiguration => {
  const t = graph.nodes[project]?.data.targets?.[name];
  if (!t) throw new Error(`${project} has no ${name} target`);
  return t;
};

describe("the inferred targets of delivery, a project with one stack per repository", () => {
  it("have the one configuration `repository` and no default, so an environment's run passes over them", () => {
    for (const name of ["plan", "preview", "up", "refresh", "destroy"]) {
      const t = target("delivery", name);
      expect([name, Object.keys(t.configurations ?? {}), t.defaultConfiguration]).toEqual([
        name,
        ["repository"],
        undefined,
      ]);
      expect((t.options as { command?: string }).command).toBe(
        `echo "delivery has one stack per repository, not one per environment: nx run delivery:${name}:repository" >&2`,
      );
    }
    expect(graph.nodes["delivery"]!.data.tags).toContain("stack:per-repository");
  });

  it("include the target docs/delivery-setup.md and the README run it with, nx run delivery:up:repository", () => {
    const docs = ["README.md", "docs/delivery-setup.md"].map((f) => readFileSync(join(WORKSPACE_ROOT, f), "utf8"));
    const documented = [
      ...new Set(docs.flatMap((text) => [...text.matchAll(/npx nx run (delivery:[\w:-]+)/g)].map((m) => m[1]!))),
    ];
    expect(documented).toEqual(["delivery:up:repository"]);
    const [, name, configuration] = documented[0]!.split(":");
    expect((target("delivery", name!).configurations?.[configuration!] as { command: string }).command).toMatch(
      /^pulumi stack select --create .* && pulumi up --yes /,
    );
  });

  it("run the pack at its rules' own levels, as no environment's pack config applies", () => {
    expect(target("delivery", "plan").configurations?.["repository"]).toEqual({
      command:
        "node tools/offline-plan/bin/plan.js --project projects/delivery --env repository --policy-pack policies/fargate-guard",
    });
    expect((target("delivery", "preview").configurations?.["repository"] as { command?: string }).command).toMatch(
      /^pulumi preview --stack \S+ --policy-pack \.\.\/\.\.\/policies\/fargate-guard$/,
    );
  });
});

describe.each(ENVIRONMENT_PROJECTS)("the inferred targets of %s", (project) => {
  it("are plan, preview, up, refresh and destroy, besides the lint, typecheck and test every project has", () => {
    const targets = Object.keys(graph.nodes[project]!.data.targets ?? {}).filter(
      (t) => !["lint", "typecheck", "test", "integration"].includes(t),
    );
    expect(targets.sort()).toEqual(["destroy", "plan", "preview", "refresh", "up"]);
  });

  it("have one configuration per stack file, defaulting to dev", () => {
    expect(stackEnvironmentsOnDisk(project)).toEqual(["dev", "staging", "prod"]);
    for (const name of ["plan", "preview", "up", "refresh", "destroy"]) {
      expect({ name, configurations: Object.keys(target(project, name).configurations ?? {}) }).toEqual({
        name,
        configurations: stackEnvironmentsOnDisk(project),
      });
      expect(target(project, name).defaultConfiguration).toBe("dev");
    }
  });

  it("cache only the offline plan", () => {
    expect(target(project, "plan").cache).toBe(true);
    for (const name of ["preview", "up", "refresh", "destroy"])
      expect({ name, cache: target(project, name).cache }).toEqual({ name, cache: false });
  });

  it("hash the plan on production files of the project, its dependencies and the plan tool", () => {
    expect(target(project, "plan").inputs).toEqual([
      "production",
      "^production",
      "{workspaceRoot}/tools/offline-plan/bin/**/*",
      "{workspaceRoot}/tools/offline-plan/src/**/*",
    ]);
    expect(target(project, "plan").outputs).toEqual([]);
  });

  it("carry the project folder, each environment's stack and the upstream folders as metadata, for the workflows", () => {
    const upstream = isServiceProject(project) ? ["projects/networking", "projects/registry-access"] : [];
    for (const name of ["plan", "preview", "up", "refresh", "destroy"]) {
      expect(target(project, name).metadata?.pulumi).toEqual({
        projectRoot: `projects/${project}`,
        stacks: Object.fromEntries(
          stackEnvironmentsOnDisk(project).map((env) => [env, { org: null, project, stack: env }]),
        ),
        upstreamRoots: upstream,
      });
    }
  });

  it("run the offline plan of the environment's stack, with the stacks it reads, from the workspace root", () => {
    const upstream = isServiceProject(project) ? ["networking", "registry-access"] : [];
    const runsWith = [...upstream, project].map((p) => `--project projects/${p}`).join(" ");
    expect(target(project, "plan").configurations?.["staging"]).toEqual({
      command:
        `node tools/offline-plan/bin/plan.js ${runsWith} --env staging ` +
        "--policy-pack policies/fargate-guard --policy-pack-config policies/fargate-guard/config/staging.json",
    });
    expect(target(project, "plan").options).toEqual({});
  });

  it("update the stacks this one reads before it", () => {
    expect(target(project, "up").dependsOn).toEqual(["^up"]);
  });
});

describe("destroy", () => {
  it("destroys only its own stack: never the services that read networking or registry-access", () => {
    for (const project of ["networking", "registry-access", ...SERVICE_PROJECTS]) {
      expect(target(project, "destroy").dependsOn ?? []).toEqual([]);
    }
  });

  it("runs pulumi destroy through the guard, which refuses while a reading stack has resources", () => {
    expect(target("networking", "destroy").configurations?.["prod"]).toEqual({
      command: expect.stringMatching(/^node \.\.\/\.\.\/tools\/nx-pulumi\/bin\/destroy\.js --yes --stack /) as unknown,
    });
  });
});

describe("the lint, typecheck and test targets every workspace project gets", () => {
  const workspaceProjects = () => Object.values(graph.nodes);

  it("exist, cached, for every project with a project.json, and test only where there is a test folder", () => {
    for (const node of workspaceProjects()) {
      const targets = node.data.targets ?? {};
      expect({ project: node.name, lint: targets["lint"]?.cache, typecheck: targets["typecheck"]?.cache }).toEqual({
        project: node.name,
        lint: true,
        typecheck: true,
      });
    }
    expect(target("service", "test").cache).toBe(true);
  });

  it("give a project a test target only when it has a test folder", () => {
    const root = tempWorkspace({ "libs/tested/test/a.test.ts": "", "libs/untested/src/index.ts": "" });
    const context = { workspaceRoot: root, nxJsonConfiguration: {}, configFiles: [] };
    const testTarget = (project: string) => checkTargetsOf(project, context).projects?.[project]?.targets?.["test"];
    expect(testTarget("libs/tested")?.command).toBe("jest libs/tested/");
    expect(testTarget("libs/untested")).toBeUndefined();
  });

  it("give a project an integration target only when its tests hold an integration test", () => {
    const root = tempWorkspace({
      "libs/both/test/a.test.ts": "",
      "libs/both/test/deep/b.integration.test.ts": "",
      "libs/unit/test/a.test.ts": "",
      "libs/unit/test/fixtures/program/c.integration.test.ts": "",
    });
    const context = { workspaceRoot: root, nxJsonConfiguration: {}, configFiles: [] };
    const integration = (project: string) =>
      checkTargetsOf(project, context).projects?.[project]?.targets?.["integration"];
    expect(integration("libs/both")?.command).toBe("jest -c jest.integration.config.js libs/both/");
    expect(integration("libs/unit")).toBeUndefined();
    // The workspace's own: the plan's end-to-end runs are integration tests of its project.
    expect(target("offline-plan", "integration").cache).toBe(true);
  });

  it("lint and type-check each project against its own tsconfig.json, which every project has", () => {
    for (const node of workspaceProjects()) {
      const tsconfig = `${node.data.root}/tsconfig.json`;
      expect({ project: node.name, tsconfig: existsSync(join(WORKSPACE_ROOT, tsconfig)) }).toEqual({
        project: node.name,
        tsconfig: true,
      });
      expect(target(node.name, "lint").options).toEqual({
        command: `eslint ${node.data.root} --max-warnings=0 --parser-options project:${tsconfig}`,
      });
    }
  });

  it("hash a project's own files, its dependencies' production files and the tool's config", () => {
    expect(target("service", "test").inputs).toEqual(["default", "^production", "{workspaceRoot}/jest.config.js"]);
    expect(target("service", "lint").inputs).toContain("{workspaceRoot}/eslint.config.mjs");
    expect(target("service", "typecheck").options).toEqual({ command: "tsc -p projects/service/tsconfig.json" });
  });
});

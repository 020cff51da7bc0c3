import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CreateNodesContext, CreateNodesResult, CreateNodesV2, TargetConfiguration } from "@nx/devkit";

/**
 * Infers `lint`, `typecheck` and `test` for every workspace project (each folder with a project.json).
 *
 * Why not nx's own @nx/eslint, @nx/jest and @nx/js/typescript: they are released in lockstep with nx, and no
 * 24.x release of them exists for the installed nx 24.0.6; their 23.x releases depend on nx 23 through
 * @nx/workspace, which would install a second nx beside the workspace's. These three targets are what those
 * plugins would infer for this layout: one command each, cached, with inputs that include what the result
 * depends on (a project's own files, its dependencies' production files, and the tool's config).
 */
export const CHECKED_PROJECT_FILE = "{libs,projects,policies,tools}/*/project.json";

export const createNodesV2: CreateNodesV2 = [
  CHECKED_PROJECT_FILE,
  (projectFiles, _options, context) =>
    projectFiles.map((file) => [file, checkTargetsOf(dirname(file), context)] as const),
];
export { createNodesV2 as createNodes };

export function checkTargetsOf(root: string, context: CreateNodesContext): CreateNodesResult {
  const production = context.nxJsonConfiguration.namedInputs?.["production"] ? "production" : "default";
  const targets: Record<string, TargetConfiguration> = {
    lint: {
      // The project's own tsconfig, so the type-aware rules build one small program (eslint.config.mjs's default is
      // the whole workspace's, which is what one `eslint .` over every file wants).
      command: `eslint ${root} --max-warnings=0 --parser-options project:${root}/tsconfig.json`,
      cache: true,
      // Type-aware rules read the types of the libraries a project imports.
      inputs: ["default", `^${production}`, "{workspaceRoot}/eslint.config.mjs", "{workspaceRoot}/tsconfig.base.json"],
      metadata: { description: "ESLint with typescript-eslint's type-aware rules (eslint.config.mjs)." },
    },
    typecheck: {
      command: `tsc -p ${root}/tsconfig.json`,
      cache: true,
      inputs: ["default", `^${production}`, "{workspaceRoot}/tsconfig.base.json"],
      metadata: { description: "tsc over the project's sources and tests (no output)." },
    },
  };
  if (existsSync(join(context.workspaceRoot, root, "test"))) {
    targets["test"] = {
      // The trailing slash keeps `libs/config` from also matching a `libs/config-…` folder.
      command: `jest ${root}/`,
      cache: true,
      inputs: ["default", `^${production}`, "{workspaceRoot}/jest.config.js"],
      metadata: { description: "The project's jest tests (the workspace jest config, @swc/jest)." },
    };
  }
  if (hasIntegrationTests(join(context.workspaceRoot, root, "test"))) {
    targets["integration"] = {
      command: `jest -c jest.integration.config.js ${root}/`,
      cache: true,
      inputs: [
        "default",
        `^${production}`,
        "{workspaceRoot}/jest.config.js",
        "{workspaceRoot}/jest.integration.config.js",
      ],
      metadata: {
        description:
          "The project's integration tests (jest.integration.config.js): real programs, or the whole workspace end to end.",
      },
    };
  }
  return { projects: { [root]: { targets } } };
}

function hasIntegrationTests(testDir: string): boolean {
  if (!existsSync(testDir)) return false;
  return readdirSync(testDir, { recursive: true, encoding: "utf8" }).some(
    (file) => file.endsWith(".integration.test.ts") && !file.split("/").includes("fixtures"),
  );
}

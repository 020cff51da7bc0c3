// Runtime code imports no tooling library: the rule eslint.config.mjs applies (tools/nx-pulumi/src/layer-boundary.js),
// run here alone (no type information needed) on snippets placed where a program, the pack or a tool keeps its code,
// and on every file of this workspace it covers.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module eslint.config.mjs loads too
const { layerBoundaryConfig, librariesOf } = require("../src/layer-boundary.js") as {
  layerBoundaryConfig: (root: string) => ESLint.Options["overrideConfig"];
  librariesOf: (root: string) => Array<{ folder: string; packageName: string; layers: string[] }>;
};

const WORKSPACE_ROOT = resolve(__dirname, "..", "..", "..");
const eslint = new ESLint({
  cwd: WORKSPACE_ROOT,
  overrideConfigFile: true,
  // Only this rule runs here: directives about the others would be reported as unknown rules.
  allowInlineConfig: false,
  overrideConfig: [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
    layerBoundaryConfig(WORKSPACE_ROOT) as object,
  ],
});

const messagesFor = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath: resolve(WORKSPACE_ROOT, filePath) }))[0]!.messages.map((m) => m.message);

const TOOLING_IMPORT = 'import { readPackConfigFile } from "@platform/config-files/pack-config-file";\n';

it.each([
  "projects/service/src/new-module.ts",
  "projects/service/index.ts",
  "policies/fargate-guard/src/lib/new-module.ts",
  "policies/fargate-guard/index.ts",
  "libs/iam/src/new-module.ts",
])("fails lint when %s imports a tooling library", async (file) => {
  expect(await messagesFor(file, TOOLING_IMPORT)).toEqual([
    expect.stringContaining("may not import a layer:tooling library"),
  ]);
  expect(await messagesFor(file, 'import type { X } from "@platform/testing";\n')).toHaveLength(1);
});

it.each([
  "projects/service/test/new.test.ts",
  "policies/fargate-guard/scripts/new-script.ts",
  "policies/fargate-guard/bench/new-bench.ts",
  "tools/offline-plan/src/new-module.ts",
  "libs/policy-analyzer/src/new-module.ts",
])("lets %s import a tooling library", async (file) => {
  expect(await messagesFor(file, TOOLING_IMPORT)).toEqual([]);
});

it("lets runtime code import a runtime library", async () => {
  expect(await messagesFor("projects/service/src/x.ts", 'import { environmentOf } from "@platform/config";\n')).toEqual(
    [],
  );
});

it("tags every library with exactly one layer", () => {
  for (const { folder, layers } of librariesOf(WORKSPACE_ROOT))
    expect({ folder, layers: layers.length }).toEqual({ folder, layers: 1 });
});

/** The .ts files under `dir` (relative to the workspace), fixtures and dependencies left out. */
const tsFilesUnder = (dir: string): string[] =>
  existsSync(resolve(WORKSPACE_ROOT, dir))
    ? readdirSync(resolve(WORKSPACE_ROOT, dir), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts") && !/(^|\/)(node_modules|fixtures)\//.test(file))
        .map((file) => join(dir, file))
    : [];

it("finds no runtime file of this workspace that imports a tooling library", async () => {
  const roots = ["projects", "policies", "libs"].flatMap((top) =>
    readdirSync(resolve(WORKSPACE_ROOT, top)).map((name) => join(top, name)),
  );
  const files = roots.flatMap((root) => [...tsFilesUnder(join(root, "src")), join(root, "index.ts")]);
  const found: string[] = [];
  for (const file of files.filter((f) => existsSync(resolve(WORKSPACE_ROOT, f)))) {
    const messages = await messagesFor(file, readFileSync(resolve(WORKSPACE_ROOT, file), "utf8"));
    found.push(...messages.map((message) => `${file}: ${message}`));
  }
  expect(files.length).toBeGreaterThan(50);
  expect(found).toEqual([]);
});

// The line between runtime and tooling code, as an ESLint rule. A library is tagged `layer:runtime` (the
// programs and the policy pack load it in a deployment) or `layer:tooling` (only the tools and the tests load it)
// in its project.json. The files a program or the pack runs (its index.ts and src/, and a runtime library's src/)
// may not import a tooling library: it would ship development code into a deployment and couple the programs to
// the tools. Tests, scripts and benchmarks beside them may. CommonJS, so both eslint.config.mjs and jest load it.
const { readdirSync, readFileSync, existsSync } = require("node:fs");
const { join } = require("node:path");

/** Each library's folder, package name and layer tags, read from libs/<name>/{package,project}.json. */
function librariesOf(workspaceRoot) {
  const libs = join(workspaceRoot, "libs");
  return readdirSync(libs)
    .filter((name) => existsSync(join(libs, name, "project.json")))
    .map((name) => {
      const { tags = [] } = JSON.parse(readFileSync(join(libs, name, "project.json"), "utf8"));
      const { name: packageName } = JSON.parse(readFileSync(join(libs, name, "package.json"), "utf8"));
      return { folder: `libs/${name}`, packageName, layers: tags.filter((tag) => tag.startsWith("layer:")) };
    });
}

/** One flat-config entry: `no-restricted-imports` of every tooling library in every runtime file. */
function layerBoundaryConfig(workspaceRoot) {
  const libraries = librariesOf(workspaceRoot);
  const tooling = libraries.filter((lib) => lib.layers.includes("layer:tooling")).map((lib) => lib.packageName);
  const runtimeLibs = libraries.filter((lib) => lib.layers.includes("layer:runtime")).map((lib) => lib.folder);
  return {
    files: [
      "projects/*/index.ts",
      "projects/*/src/**/*.ts",
      "policies/*/index.ts",
      "policies/*/src/**/*.ts",
      ...runtimeLibs.map((folder) => `${folder}/src/**/*.ts`),
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: tooling.flatMap((name) => [name, `${name}/*`]),
              message:
                "A program, the policy pack or a layer:runtime library may not import a layer:tooling library " +
                "(project.json tags; README.md's Layout). Move what it needs into a layer:runtime library.",
            },
          ],
        },
      ],
    },
  };
}

module.exports = { layerBoundaryConfig, librariesOf };

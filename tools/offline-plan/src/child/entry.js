// The program process's launcher. It loads the program's JavaScript dependencies (the Pulumi SDKs first)
// natively *before* tsx hooks `require` (through tsx every file pays for the hook, which doubles the SDK's
// load), then runs the TypeScript runner, which requires the program through tsx. No type-checking here.
"use strict";
const path = require("node:path");
const { existsSync } = require("node:fs");
const { createRequire } = require("node:module");
const { watchParent, PARENT_PIPE_ENV } = require("@platform/policy-analyzer/watch-parent");
const { deferClosureModules } = require("@platform/policy-analyzer/defer-closure-modules");

// The IPC channel's close is only noticed once the event loop runs; this notices the plan's end at once.
watchParent(Number(process.env[PARENT_PIPE_ENV]));

const job = JSON.parse(process.env.OFFLINE_PLAN_JOB || "{}");
const projectRequire = createRequire(path.join(job.projectDir, "package.json"));
deferClosureModules(projectRequire, "@pulumi/pulumi");
for (const [name, fromRequire] of javascriptDependencies(projectRequire)) {
  try {
    fromRequire(name);
  } catch {
    // Not every program uses all; the runner reports a missing @pulumi/pulumi with a clear message.
  }
}
require("tsx/cjs/api").register();
require("./program-child.ts").main(job, projectRequire);

/**
 * The JavaScript packages the program depends on, each with the require that resolves it: the SDKs, the
 * project's own dependencies, and those of the TypeScript workspace packages it uses (their entry is .ts,
 * so tsx loads them). Loaded natively before tsx registers, they skip tsx's per-file ESM check, about a
 * tenth of a plan's CPU time.
 */
function javascriptDependencies(projectRequire) {
  const found = new Map([
    ["@pulumi/pulumi", projectRequire],
    ["@pulumi/aws", projectRequire],
  ]);
  const seen = new Set(["tsx"]);
  const visit = (packageRequire) => {
    let manifest;
    try {
      manifest = packageRequire("./package.json");
    } catch {
      return;
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (seen.has(name)) continue;
      seen.add(name);
      const manifestFile = (packageRequire.resolve.paths(name) ?? [])
        .map((dir) => path.join(dir, name, "package.json"))
        .find((file) => existsSync(file));
      if (manifestFile === undefined) continue;
      const typescript = /\.[cm]?ts$/.test(require(manifestFile).main ?? "");
      if (typescript) visit(createRequire(manifestFile));
      else if (!found.has(name)) found.set(name, packageRequire);
    }
  };
  visit(projectRequire);
  return found;
}

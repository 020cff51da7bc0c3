// Run before tsx registers, in the offline plan's program processes (and the tests' re-plan child): after
// registration tsx checks every file it loads for ESM syntax, so the JavaScript packages a program uses
// (the Pulumi SDKs, zod, the AWS SDK clients awsx loads, iam-simulate: 2-4 MB) load natively first.
// TypeScript, which the Pulumi SDK loads only for closure serialization, is deferred.
// Both cut the CPU a plan spends loading code; tools/offline-plan/README.md has the measurements.
"use strict";
const path = require("node:path");
const { existsSync } = require("node:fs");
const { createRequire } = require("node:module");
const { deferClosureModules } = require("./defer-closure-modules");

/** Loads the SDKs, with TypeScript deferred. A package that fails to load is left for the code that needs it. */
function preloadSdks(packageRequire, sdks) {
  deferClosureModules(packageRequire, "@pulumi/pulumi");
  load(sdks.map((sdk) => [sdk, packageRequire]));
}

/**
 * preloadSdks, then the other JavaScript dependencies of the package `packageRequire` belongs to. For a
 * program, which uses them all; a policy pack's workspace libraries bring dependencies the pack does not
 * load, which made its start slower, not faster.
 */
function preloadDependencies(packageRequire, sdks) {
  preloadSdks(packageRequire, sdks);
  load(javascriptDependencies(packageRequire, sdks));
}

function load(packages) {
  for (const [name, fromRequire] of packages) {
    try {
      fromRequire(name);
    } catch {
      // The code that needs it reports the error in its place.
    }
  }
}

/**
 * The JavaScript packages a program depends on besides the SDKs, each with the require that resolves
 * it: its own dependencies, and those of the TypeScript workspace packages it uses (their entry is .ts,
 * so tsx loads them).
 */
function javascriptDependencies(projectRequire, sdks) {
  const found = new Map();
  const seen = new Set(["tsx", ...sdks]);
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
      else found.set(name, packageRequire);
    }
  };
  visit(projectRequire);
  return found;
}

module.exports = { preloadSdks, preloadDependencies };

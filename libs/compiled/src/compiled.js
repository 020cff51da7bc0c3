// Runs a TypeScript entry as JavaScript, compiled once per change of its sources rather than on every start: a policy
// pack's, and the offline plan's program process (tools/offline-plan/src/child/entry.js), which would otherwise load
// its own sources and the libraries they import through tsx's hook, file by file, in every program process.
//
// The Pulumi CLI starts a Node.js pack with `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .` in its folder.
// run-policy-pack registers ts-node with `typeCheck: true` whatever the pack holds (pulumi/pulumi
// sdk/nodejs/cmd/run-policy-pack/run.ts, `run`: `tsn.register(...)` whenever `opts.typeScript`, which index.ts sets
// for every runtime but Bun), then `require`s the folder, which Node resolves through package.json `main`. ts-node
// compiles only `.ts` files, so a `main` written in JavaScript loads without it. A TypeScript `main` had ts-node
// type-check and compile the pack and every library it imports on each start: about 9 CPU-s cold, 2 warm.
//
// So a pack's `main` is a one-line JavaScript entry that calls `runCompiled`: esbuild bundles the TypeScript entry
// with the workspace libraries it imports (registry packages stay external, resolved from the pack's folder as
// before) into `.compiled/` in the pack's folder, and later starts load that file while every source it was built
// from is unchanged. No type-check runs here: `npm run typecheck` (tsc -b, in CI) does it once.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const OUT_DIR = ".compiled";
const MANIFEST = "manifest.json";
/** Bare imports bundled; every other one stays external (it is installed beside the entry). */
const WORKSPACE_PREFIX = "@platform/";
const BUILD_OPTIONS = { bundle: true, platform: "node", format: "cjs", target: "node22", sourcemap: "linked" };

/** Loads the module compiled from `source` (relative to `packDir`), compiling it first when a source changed. */
function runCompiled(packDir, source = "index.ts") {
  const outDir = path.join(packDir, OUT_DIR);
  const manifest = readManifest(path.join(outDir, MANIFEST));
  if (manifest && manifest.source === source && manifest.key === keyOf(packDir, manifest.inputs)) {
    const file = path.join(outDir, `${manifest.key}.js`);
    try {
      return require(file);
    } catch (error) {
      // A build that is not there (removed by another start's compile) is compiled again; the pack's own errors stand.
      if (fs.existsSync(file)) throw error;
    }
  }
  return compile(packDir, source);
}

/**
 * Bundles the pack. The result is kept under a name made of its key, and the manifest that names it is written
 * last, so a start that reads the manifest finds a whole file even while another start compiles.
 */
async function compile(packDir, source) {
  const esbuild = require("esbuild");
  const startedAt = Date.now();
  let result;
  try {
    result = await esbuild.build({
      ...BUILD_OPTIONS,
      entryPoints: [path.join(packDir, source)],
      outfile: path.join(packDir, OUT_DIR, "pack.js"),
      absWorkingDir: packDir,
      write: false,
      metafile: true,
      // Its error (file, line, column and message) is the one the start fails with.
      logLevel: "silent",
      plugins: [externalRegistryPackages()],
    });
  } finally {
    // esbuild's service process would otherwise live as long as the pack.
    await esbuild.stop();
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  const key = keyOf(packDir, inputs);
  const code = result.outputFiles.find((file) => file.path.endsWith(".js")).text;
  const map = result.outputFiles.find((file) => file.path.endsWith(".map")).text;
  const outDir = path.join(packDir, OUT_DIR);
  const file = path.join(outDir, `${key}.js`);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    writeWhole(`${file}.map`, map);
    writeWhole(file, code.replace(/\/\/# sourceMappingURL=pack\.js\.map\s*$/, `//# sourceMappingURL=${key}.js.map\n`));
    // A source saved while esbuild read it may not be what was bundled: keep the manifest for the next start to redo.
    const changedMeanwhile = inputs.some((input) => !(modifiedAt(path.join(packDir, input)) < startedAt));
    if (!changedMeanwhile) {
      writeWhole(path.join(outDir, MANIFEST), JSON.stringify({ source, key, inputs }));
      removeOtherBuilds(outDir, key);
    }
  } catch (error) {
    // A folder this user may not write (a read-only checkout): run the bundle from memory, compiled again next time.
    if (!["EACCES", "EPERM", "EROFS"].includes(error.code)) throw error;
    const compiled = new Module(file, module);
    compiled.filename = file;
    compiled.paths = Module._nodeModulePaths(outDir);
    compiled._compile(code, file);
    return compiled.exports;
  }
  return require(file);
}

/**
 * An esbuild plugin that resolves `@platform/*` into the bundle and leaves every other bare import (and Node's
 * built-ins) to Node at run time, adding each such package's name to `names` when given (the publishable bundle
 * lists them as its dependencies: scripts/bundle.ts).
 */
function externalRegistryPackages(names) {
  return {
    name: "external-registry-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith(WORKSPACE_PREFIX)) return undefined;
        if (!args.path.startsWith("node:")) names?.add(packageNameOf(args.path));
        return { path: args.path, external: true };
      });
    },
  };
}

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
function packageNameOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * What a build depends on: esbuild and its options, where the pack is, each input's path and content, the names in
 * each input's folder (an added file can change what an import resolves to), and the package.json and tsconfig
 * files in those folders and above them (exports maps, `main`, compiler options).
 */
function keyOf(packDir, inputs) {
  const hash = crypto.createHash("sha256");
  const add = (label, value) => hash.update(`${label}\0${value}\0`);
  add("esbuild", esbuildVersion());
  add("options", JSON.stringify(BUILD_OPTIONS));
  add("pack", fs.realpathSync(packDir));
  const folders = new Set();
  const above = new Set();
  for (const input of inputs) {
    const file = path.join(packDir, input);
    add(input, readOrMissing(file));
    folders.add(path.dirname(file));
    for (let dir = path.dirname(file); !above.has(dir); dir = path.dirname(dir)) {
      above.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  for (const dir of [...folders].sort()) add(dir, listing(dir));
  for (const dir of [...above].sort())
    for (const name of ["package.json", "tsconfig.json", "tsconfig.base.json"])
      add(path.join(dir, name), readOrMissing(path.join(dir, name)));
  return hash.digest("hex").slice(0, 32);
}

function listing(dir) {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name !== OUT_DIR)
      .sort()
      .join("/");
  } catch {
    return "(missing)";
  }
}

function esbuildVersion() {
  try {
    return require("esbuild/package.json").version;
  } catch {
    return "none";
  }
}

/** When `file` last changed, or undefined when it is gone. */
function modifiedAt(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function readOrMissing(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return "(missing)";
  }
}

function readManifest(file) {
  try {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    return Array.isArray(manifest.inputs) && typeof manifest.key === "string" ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Writes beside the target and renames, so no reader sees half a file. */
function writeWhole(file, text) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

function removeOtherBuilds(outDir, key) {
  for (const name of fs.readdirSync(outDir)) {
    if (name !== MANIFEST && !name.startsWith(key) && !name.endsWith(".partial"))
      fs.rmSync(path.join(outDir, name), { force: true });
  }
}

module.exports = { runCompiled, externalRegistryPackages, OUT_DIR };

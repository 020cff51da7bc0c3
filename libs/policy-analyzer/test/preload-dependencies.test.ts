import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const deferClosureModules = path.resolve(__dirname, "../src/defer-closure-modules.js");

/** A fresh Node process (jest keeps its own module registry): defer, load the SDK, report what loaded. */
const script = `
const Module = require("node:module");
const { types } = require("node:util");
const { deferClosureModules, CLOSURE_MODULES } = require(${JSON.stringify(deferClosureModules)});
deferClosureModules(require, "@pulumi/pulumi");
const pulumi = require("@pulumi/pulumi");
const sdkRequire = Module.createRequire(require.resolve("@pulumi/pulumi"));
const files = () => Object.keys(require.cache);
const standIns = () => CLOSURE_MODULES.filter((id) => types.isProxy(require.cache[sdkRequire.resolve(id)]?.exports));
// TypeScript's own file is where the stand-in sits; any other file of the package means it really loaded.
const typescriptFiles = () =>
  files().filter((file) => file.includes("/node_modules/typescript/") && file !== sdkRequire.resolve("typescript")).length;
const atLoad = { standIns: standIns(), typescriptFiles: typescriptFiles() };
pulumi.runtime.serializeFunction(() => 42).then((closure) => {
  console.log(JSON.stringify({ atLoad, serialized: closure.text.includes("42"), afterUse: { standIns: standIns() } }));
});
`;

describe("deferClosureModules", () => {
  it("keeps TypeScript out of the SDK's load, and loads it when a closure is serialised", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
      cwd: path.resolve(__dirname, "../../.."),
      encoding: "utf8",
    });
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({
      atLoad: { standIns: ["typescript"], typescriptFiles: 0 },
      serialized: true,
      // serializeFunction parses the function with TypeScript, so the stand-in gave way to the real module.
      afterUse: { standIns: [] },
    });
  });

  it("gives a default import of the stand-in what the CommonJS module would give: the module itself", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module under test
    const { lazyModule } = require(deferClosureModules) as { lazyModule: (load: () => object) => object };
    const real = { version: "5.0" };
    const standIn = lazyModule(() => real) as { __esModule: boolean; default: unknown; version: string };
    expect([standIn.__esModule, standIn.default, standIn.version]).toEqual([true, real, "5.0"]);
    const withDefault = { default: "its own" };
    expect((lazyModule(() => withDefault) as { default: unknown }).default).toBe("its own");
  });

  it("leaves everything alone when the SDK is not installed", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(deferClosureModules)}).deferClosureModules(require, "@pulumi/nothing"); console.log(Object.keys(require.cache).length)`,
      ],
      { cwd: path.resolve(__dirname, "../../.."), encoding: "utf8" },
    );
    expect(Number(stdout)).toBe(1);
  });
});

describe("preloadDependencies", () => {
  it("loads a program's JavaScript dependencies, its workspace libraries' too, and no TypeScript source", async () => {
    const preload = path.resolve(__dirname, "../src/preload-dependencies.js");
    const service = path.resolve(__dirname, "../../../projects/service/package.json");
    const probe = `
      const { createRequire } = require("node:module");
      require(${JSON.stringify(preload)}).preloadDependencies(createRequire(${JSON.stringify(service)}), ["@pulumi/pulumi"]);
      const loaded = (fragment) => Object.keys(require.cache).some((file) => file.includes(fragment));
      console.log(JSON.stringify({
        awsx: loaded("/node_modules/@pulumi/awsx/"), // the service's own dependency
        levenshtein: loaded("/node_modules/fastest-levenshtein/"), // @platform/config's
        iamSimulate: loaded("/node_modules/@cloud-copilot/iam-simulate/"), // @platform/iam's
        tsx: loaded("/node_modules/tsx/"),
        typescriptSources: Object.keys(require.cache).some((file) => file.endsWith(".ts")),
      }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", probe], { encoding: "utf8" });
    expect(JSON.parse(stdout)).toEqual({
      awsx: true,
      levenshtein: true,
      iamSimulate: true,
      tsx: false,
      typescriptSources: false,
    });
  });
});

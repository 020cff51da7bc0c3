/**
 * A self-contained, publishable copy of the pack (`nx run fargate-guard:bundle`):
 *
 *   npx tsx policies/fargate-guard/scripts/bundle.ts [--out <dir>]     default: policies/fargate-guard/dist
 *
 * `pulumi policy publish` uploads a pack folder that Pulumi Cloud installs with npm, so it must not
 * import workspace packages. esbuild bundles the pack with the shared @platform libraries into one
 * index.js; every other import stays external and is listed in the folder's package.json at the exact
 * version installed here. The config files, RULES.md, the repository's LICENSE and a list of every
 * dependency's licence (THIRD-PARTY-LICENSES.md, from package-lock.json) travel with it.
 */
import * as fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
import * as path from "node:path";
import { dependencyClosure, readLockfile, thirdPartyLicensesMarkdown } from "@platform/licenses";
import { build } from "esbuild";
import { stringify as toYaml } from "yaml";
import { externalRegistryPackages } from "@platform/compiled";

const PACK_DIR = path.resolve(__dirname, "..");
const WORKSPACE_ROOT = path.resolve(PACK_DIR, "..", "..");

/**
 * The installed version of `name`, as Node resolves it from `fromDir`. Its package.json is found on
 * Node's lookup path, not through `require.resolve("<name>/package.json")`, which a package's
 * `exports` may not allow.
 */
function installedVersion(name: string, fromDir: string): string {
  const lookup = createRequire(path.join(fromDir, "package.json")).resolve.paths(name) ?? [];
  const packageJson = lookup.map((dir) => path.join(dir, name, "package.json")).find((file) => fs.existsSync(file));
  if (packageJson === undefined) {
    throw new Error(`${name} is imported by the pack but not installed (looked in ${lookup.join(", ")})`);
  }
  // Some packages write their version with a leading "v" (@pulumi/policy); npm wants the bare version.
  return (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version: string }).version.replace(/^v/, "");
}

export async function bundlePack(outDir: string): Promise<{ outDir: string; dependencies: Record<string, string> }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const externals = new Set<string>();
  await build({
    entryPoints: [path.join(PACK_DIR, "index.ts")],
    outfile: path.join(outDir, "index.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [externalRegistryPackages(externals)],
  });
  const builtins = new Set<string>(builtinModules);
  const dependencies = Object.fromEntries(
    [...externals]
      .filter((name) => !builtins.has(name))
      .sort()
      .map((name) => [name, installedVersion(name, PACK_DIR)]),
  );
  const own = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as Record<string, string>;
  const { name, version, description, license } = own;
  const manifest = { name, version, description, license, main: "index.js", dependencies };
  fs.writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outDir, "PulumiPolicy.yaml"),
    "# Built by `nx run fargate-guard:bundle` from policies/fargate-guard; edit the source, not this copy.\n" +
      toYaml({ runtime: "nodejs", description: own.description }),
  );
  fs.cpSync(path.join(PACK_DIR, "config"), path.join(outDir, "config"), { recursive: true });
  fs.copyFileSync(path.join(PACK_DIR, "RULES.md"), path.join(outDir, "RULES.md"));
  fs.copyFileSync(path.join(WORKSPACE_ROOT, "LICENSE"), path.join(outDir, "LICENSE"));
  const lock = readLockfile(path.join(WORKSPACE_ROOT, "package-lock.json"));
  const thirdParty = dependencyClosure(lock, path.relative(WORKSPACE_ROOT, PACK_DIR), Object.keys(dependencies));
  fs.writeFileSync(path.join(outDir, "THIRD-PARTY-LICENSES.md"), thirdPartyLicensesMarkdown(name!, thirdParty));
  return { outDir, dependencies };
}

if (require.main === module) {
  const index = process.argv.indexOf("--out");
  const outDir = path.resolve(index < 0 ? path.join(PACK_DIR, "dist") : process.argv[index + 1]!);
  bundlePack(outDir).then(
    ({ dependencies }) =>
      console.log(`Bundled fargate-guard into ${outDir}; dependencies: ${JSON.stringify(dependencies)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

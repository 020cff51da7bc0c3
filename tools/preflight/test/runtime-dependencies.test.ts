import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { readPulumiProjectFile } from "@platform/config-files/pulumi-project-file";

// `npm ci --omit=dev` installs only `dependencies`, and the Pulumi language host resolves a program's
// modules (and its `--import=` loader) from the program's own folder upwards. So every package that runs at
// deploy time (each Pulumi project, the policy pack and the libs they load) must declare, as a dependency,
// every package its run-time code imports.
const root = path.resolve(__dirname, "../../..");
const runtimePackages = [
  "projects/networking",
  "projects/registry-access",
  "projects/service",
  "policies/fargate-guard",
];

function packageJson(dir: string): { name: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8")) as {
    name: string;
    dependencies?: Record<string, string>;
  };
}

function declared(dir: string): Set<string> {
  return new Set(Object.keys(packageJson(dir).dependencies ?? {}));
}

/**
 * Run-time source files: .ts/.js outside test, bench and scripts folders, among the files git tracks or would
 * track. Ignored files are not sources: the pack's bundle (dist/) and build output name no dependencies of their own.
 */
function sourceFiles(dir: string): string[] {
  return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", dir], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => /\.(ts|js)$/.test(file) && !/\.test\.ts$/.test(file))
    .filter(
      (file) =>
        !file.split("/").some((part) => ["node_modules", "test", "bench", "scripts", "__tests__"].includes(part)),
    )
    .map((file) => path.join(root, file));
}

function importedPackages(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)/g),
  ]
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s));
  return specifiers.map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!));
}

/** The workspace packages a package depends on, by folder, so their imports are checked too. */
function workspaceFolder(name: string): string | undefined {
  for (const group of ["libs", "projects", "policies", "tools"]) {
    for (const entry of readdirSync(path.join(root, group))) {
      const file = path.join(root, group, entry, "package.json");
      try {
        if ((JSON.parse(readFileSync(file, "utf8")) as { name: string }).name === name) return `${group}/${entry}`;
      } catch {
        // not a package folder
      }
    }
  }
  return undefined;
}

function closure(start: string): string[] {
  const seen = new Set<string>([start]);
  for (const dir of seen) {
    for (const dep of declared(dir)) {
      const folder = workspaceFolder(dep);
      if (folder) seen.add(folder);
    }
  }
  return [...seen];
}

describe.each(runtimePackages)("%s, installed with npm ci --omit=dev", (start) => {
  it.each(closure(start))("%s declares every package its run-time code imports", (dir) => {
    const deps = declared(dir);
    const missing = new Set<string>();
    for (const file of sourceFiles(dir)) {
      for (const pkg of importedPackages(file)) if (!deps.has(pkg) && pkg !== packageJson(dir).name) missing.add(pkg);
    }
    expect([...missing]).toEqual([]);
  });
});

describe.each(runtimePackages.filter((dir) => dir.startsWith("projects/")))("%s", (dir) => {
  it("declares the loader its Pulumi.yaml passes in nodeargs", () => {
    const { runtimeOptions } = readPulumiProjectFile(path.join(root, dir, "Pulumi.yaml"));
    const nodeargs = typeof runtimeOptions["nodeargs"] === "string" ? runtimeOptions["nodeargs"] : "";
    const loaders = [...nodeargs.matchAll(/--import=(\S+)/g)].map((m) => m[1]!);
    expect(loaders).toEqual(["tsx"]);
    for (const loader of loaders) expect(declared(dir)).toContain(loader);
  });
});

it("the policy pack declares esbuild, which its entry compiles it with, and the typescript ts-node registers with", () => {
  // entry.js compiles the pack's TypeScript with esbuild (libs/compiled). run-policy-pack still registers ts-node
  // (it compiles nothing then) with the typescript it finds, reading the pack's tsconfig.json; without the pack's
  // own, that would be the CLI's bundled TypeScript 3.8.
  expect([...declared("policies/fargate-guard")]).toEqual(expect.arrayContaining(["esbuild", "typescript"]));
});

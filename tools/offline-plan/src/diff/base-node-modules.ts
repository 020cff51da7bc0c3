// The base worktree's node_modules. Installing again would take minutes and the network, so the base
// borrows the working tree's installed packages, with one exception that matters: npm workspaces link
// `node_modules/<workspace package>` to the working tree's own folders (libs/*). Borrowed as-is, those
// links would plan the base programs with the head's libraries, and a change in a library would show
// no diff. So the base gets a node_modules of its own: every installed package is a symlink to the
// working tree's, and every workspace package is linked to the base's own folder instead.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import * as path from "node:path";

export function linkBaseNodeModules(repo: string, baseDir: string): void {
  const installed = path.join(repo, "node_modules");
  if (!existsSync(installed)) return;
  const target = path.join(baseDir, "node_modules");
  mkdirSync(target);
  const insideRepo = (file: string) => !path.relative(repo, file).startsWith("..");
  for (const entry of readdirSync(installed)) {
    const from = path.join(installed, entry);
    if (entry.startsWith("@") && !lstatSync(from).isSymbolicLink()) {
      mkdirSync(path.join(target, entry));
      for (const scoped of readdirSync(from))
        borrow(path.join(from, scoped), path.join(target, entry, scoped), insideRepo);
    } else {
      borrow(from, path.join(target, entry), insideRepo);
    }
  }
  for (const pkg of workspacePackages(baseDir)) {
    const link = path.join(target, pkg.name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), pkg.dir), link);
  }
}

/** Links an installed package, unless it is a workspace link into the working tree (the base links its own). */
function borrow(from: string, link: string, insideRepo: (file: string) => boolean): void {
  if (lstatSync(from).isSymbolicLink() && insideRepo(realpathSync(from))) return;
  symlinkSync(from, link);
}

/**
 * The workspace packages the base declares (package.json `workspaces`). npm accepts globs there; this
 * workspace, like most, uses `folder/*` and plain paths, which are expanded here rather than adding a
 * glob library to the plan's start-up path. Other patterns are skipped, and their packages then
 * resolve as installed.
 */
function workspacePackages(baseDir: string): { name: string; dir: string }[] {
  const manifest = readJson(path.join(baseDir, "package.json"));
  const declared = Array.isArray(manifest?.workspaces)
    ? manifest.workspaces
    : (manifest?.workspaces as { packages?: unknown } | undefined)?.packages;
  const patterns = Array.isArray(declared) ? declared.filter((p): p is string => typeof p === "string") : [];
  const dirs = patterns.flatMap((pattern) => {
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const parent = path.join(baseDir, pattern.slice(0, -2));
      return existsSync(parent) ? readdirSync(parent).map((name) => path.join(parent, name)) : [];
    }
    return pattern.includes("*") ? [] : [path.join(baseDir, pattern)];
  });
  return dirs.flatMap((dir) => {
    const name = readJson(path.join(dir, "package.json"))?.name;
    return typeof name === "string" && name ? [{ name, dir }] : [];
  });
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * package-lock.json (v2/v3) as the licence check and the pack bundle read it: each package's location,
 * version and `license`, which npm copies from the package's manifest into the lockfile.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export interface LockEntry {
  name?: string;
  version?: string;
  license?: string;
  link?: boolean;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface Lockfile {
  /** The file it was read from, for messages. */
  file: string;
  packages: Record<string, LockEntry>;
}

/** A package as the lockfile places it: `location` is its folder relative to the workspace root. */
export interface LockedPackage {
  location: string;
  name: string;
  version: string;
  license: string | undefined;
  /** A workspace package (libs/…, tools/…) rather than one installed from the registry. */
  workspace: boolean;
}

export function readLockfile(file: string): Lockfile {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { lockfileVersion?: number; packages?: unknown };
  if (typeof parsed.packages !== "object" || parsed.packages === null) {
    throw new Error(
      `${file} has lockfileVersion ${parsed.lockfileVersion ?? "(none)"}, without the "packages" map the licence ` +
        "check reads. Fix: regenerate it with npm 7 or later (npm install --package-lock-only).",
    );
  }
  return { file, packages: parsed.packages as Record<string, LockEntry> };
}

const NODE_MODULES = "node_modules/";

/** "node_modules/a/node_modules/@s/b" → "@s/b"; a workspace folder → its manifest's name. */
function nameAt(location: string, entry: LockEntry): string {
  const index = location.lastIndexOf(NODE_MODULES);
  return index < 0 ? (entry.name ?? location) : location.slice(index + NODE_MODULES.length);
}

/** Every installed package but the root; links are skipped, as their target folder has its own entry. */
export function lockedPackages(lock: Lockfile): LockedPackage[] {
  return Object.entries(lock.packages)
    .filter(([location, entry]) => location !== "" && !entry.link)
    .map(([location, entry]) => ({
      location,
      name: nameAt(location, entry),
      version: entry.version ?? "",
      license: entry.license,
      workspace: !location.includes(NODE_MODULES),
    }));
}

/** The root package's `license`: the repository's own. */
export const rootLicense = (lock: Lockfile): string | undefined => lock.packages[""]?.license;

/** Where Node finds `name` from the package at `from`: its node_modules, then each parent folder's. */
function resolveFrom(lock: Lockfile, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.posix.dirname(dir)) {
    const location = path.posix.join(dir === "." ? "" : dir, NODE_MODULES, name);
    const entry = lock.packages[location];
    if (entry !== undefined) return entry.link ? entry.resolved : location;
    if (dir === "." || dir === "") return undefined;
  }
}

/**
 * The packages `names` resolve to from the package at `from` (a location, e.g. "policies/fargate-guard"),
 * and everything they depend on at run time (dependencies, optional and required peer dependencies), as
 * the lockfile resolves them, sorted by name.
 */
export function dependencyClosure(lock: Lockfile, from: string, names: readonly string[]): LockedPackage[] {
  const found = new Map<string, LockedPackage>();
  const all = new Map(lockedPackages(lock).map((p) => [p.location, p]));
  const visit = (at: string, name: string, required: boolean) => {
    const location = resolveFrom(lock, at, name);
    if (location === undefined) {
      if (required) throw new Error(`${name}, needed from ${at || "the root"}, is not in ${lock.file}`);
      return;
    }
    if (found.has(location)) return;
    const pkg = all.get(location);
    if (pkg === undefined) throw new Error(`${lock.file} links ${name} to ${location}, which it does not list`);
    found.set(location, pkg);
    const entry = lock.packages[location]!;
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(location, dep, true);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(location, dep, false);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      visit(location, dep, !entry.peerDependenciesMeta?.[dep]?.optional);
  };
  for (const name of names) visit(from, name, true);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

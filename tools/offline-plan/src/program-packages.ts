// A program without node_modules of its own is planned with this workspace's packages (NODE_PATH, see
// program-process.ts). Where those are not what its package.json asks for, the plan says so, once per run.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { satisfies, validRange } from "semver";

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8")) as Manifest;

/** Project folders already noted in this process: one process is one run. */
const noted = new Set<string>();

/**
 * The note for a program whose package.json asks for versions this workspace does not have, or undefined (it
 * has its own node_modules, asks for nothing, or gets what it asks for). Given once per project folder.
 */
export function workspacePackagesNote(projectDir: string, workspaceRoot: string): string | undefined {
  const manifest = path.join(projectDir, "package.json");
  if (noted.has(projectDir) || existsSync(path.join(projectDir, "node_modules")) || !existsSync(manifest)) return;
  // An ES module program cannot borrow them (`import` ignores NODE_PATH): its error says where to install instead.
  if ((JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown }).type === "module") return;
  noted.add(projectDir);
  const differing = Object.entries(readManifest(manifest).dependencies ?? {}).flatMap(([name, range]) => {
    // Ranges only: `file:`, `git+…` or `workspace:` specs name a source, not a version to compare.
    if (validRange(range) === null) return [];
    const installed = installedVersion(name, projectDir, workspaceRoot);
    if (installed === undefined) return [`${name} (not installed here; package.json asks for ${range})`];
    return satisfies(installed, range) ? [] : [`${name} ${installed} (package.json asks for ${range})`];
  });
  if (!differing.length) return;
  return (
    `${path.relative(process.cwd(), projectDir) || "."} has no node_modules of its own, so it is planned with this ` +
    `workspace's packages, which differ from what it asks for: ${differing.join(", ")}. ` +
    `Fix: run \`npm install\` in its folder to plan it with its own packages.`
  );
}

/**
 * The version Node would load: the first node_modules/<name> from the project folder up, then this workspace's.
 * Read from the folder, not through `require.resolve`, which refuses `package.json` of packages whose
 * `exports` leave it out.
 */
function installedVersion(name: string, projectDir: string, workspaceRoot: string): string | undefined {
  const candidates: string[] = [];
  for (let dir = projectDir; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, "node_modules", name, "package.json"));
    if (path.dirname(dir) === dir) break;
  }
  candidates.push(path.join(workspaceRoot, "node_modules", name, "package.json"));
  const found = candidates.find((file) => existsSync(file));
  return found === undefined ? undefined : readManifest(found).version;
}

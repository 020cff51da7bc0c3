// The program a project runs, found as the Pulumi CLI's Node.js language host finds it (@pulumi/pulumi
// cmd/run/run.ts, `run`): Pulumi.yaml `main` when set; otherwise the nearest package.json's `exports` (a string,
// or `exports["."]`, a string or its `default`, `require` or `import`), else its `main`, each only when that file
// exists (the host warns and keeps the folder otherwise); otherwise the project folder.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The folder of the package.json nearest to `dir` (at or above it), or undefined. */
export function packageRootOf(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, "package.json"))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

interface Manifest {
  main?: unknown;
  exports?: unknown;
}

/** The entry package.json names, relative to its folder, or undefined. */
function manifestEntry({ exports, main }: Manifest): string | undefined {
  if (typeof exports === "string") return exports;
  if (typeof exports === "object" && exports !== null) {
    const dot = (exports as Record<string, unknown>)["."];
    if (typeof dot === "string") return dot;
    if (typeof dot === "object" && dot !== null) {
      const { default: byDefault, require, import: byImport } = dot as Record<string, unknown>;
      const chosen = byDefault ?? require ?? byImport;
      return typeof chosen === "string" ? chosen : undefined;
    }
    return undefined;
  }
  return typeof main === "string" && main !== "" ? main : undefined;
}

/** The absolute entry of the program in `projectDir`, whose Pulumi.yaml sets `main` or not. */
export function programEntry(projectDir: string, pulumiMain: string | undefined): string {
  if (pulumiMain !== undefined) return path.resolve(projectDir, pulumiMain);
  const root = packageRootOf(projectDir);
  if (root === undefined) return projectDir;
  const entry = manifestEntry(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Manifest);
  return entry !== undefined && existsSync(path.join(root, entry)) ? path.join(root, entry) : projectDir;
}

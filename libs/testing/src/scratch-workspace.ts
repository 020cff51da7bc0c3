// A throw-away copy of this workspace, for tests that edit files the way a person would and then run the tools.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** This workspace: libs/testing/src is three levels below it. */
const WORKSPACE_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * Copies every file git tracks or would track (not node_modules), then gives the copy a node_modules of its own:
 * workspace links (`@platform/*`, the pack) are recreated as the same relative links, so they resolve to the
 * copy's sources, and every installed package is a link to this workspace's copy, so nothing is installed.
 */
export function scratchWorkspace(prefix: string): string {
  const root = fs.mkdtempSync(path.join(tmpdir(), prefix));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: WORKSPACE_ROOT,
  })
    .toString("utf8")
    .split("\0")
    .filter((file) => file && fs.existsSync(path.join(WORKSPACE_ROOT, file)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(WORKSPACE_ROOT, file), path.join(root, file));
  }
  linkWorkspaceNodeModules(root);
  return root;
}

/**
 * A node_modules for a copy of this workspace at `root` (a scratch workspace, a clone): workspace packages resolve
 * to the copy's own sources, every other package to this workspace's installed one.
 */
export function linkWorkspaceNodeModules(root: string): void {
  linkNodeModules(path.join(WORKSPACE_ROOT, "node_modules"), path.join(root, "node_modules"));
}

function linkNodeModules(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isDirectory() && entry.name.startsWith("@")) linkNodeModules(source, target);
    else fs.symlinkSync(source, target);
  }
}

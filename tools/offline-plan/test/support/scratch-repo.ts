// A scratch git repository made from a fixture committed in two steps: `<fixture>/base`, then
// `<fixture>/change` copied over it. Its workspace packages are linked into node_modules as
// `npm install` links them, which is what makes the base worktree's library links matter.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

export function scratchRepo(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "offline-plan-scratch-"));
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "config", "user.email", "test@example.com");
  git(dir, "config", "user.name", "offline-plan tests");
  for (const step of ["base", "change"]) {
    cpSync(path.join(fixture, step), dir, { recursive: true });
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", step);
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { workspaces?: string[] };
  for (const pattern of manifest.workspaces ?? []) {
    const parent = path.join(dir, pattern.replace(/\/\*$/, ""));
    for (const name of readdirSync(parent)) {
      const pkg = JSON.parse(readFileSync(path.join(parent, name, "package.json"), "utf8")) as { name: string };
      const link = path.join(dir, "node_modules", pkg.name);
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(path.relative(path.dirname(link), path.join(parent, name)), link);
    }
  }
  return dir;
}

/** The worktrees git knows for `repo`, the repository's own included. */
export const worktrees = (repo: string): string[] =>
  git(repo, "worktree", "list", "--porcelain")
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length));

/** The base worktree the plan announced on stderr. */
export function announcedWorktree(stderr: string): string | undefined {
  return /in a temporary worktree (\S+)/.exec(stderr)?.[1];
}

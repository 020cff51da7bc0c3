// The base of a diff: a temporary `git worktree` of the ref, so the working tree is never touched. It
// is removed when the run ends, also when a program fails or the plan is stopped with Ctrl-C (the
// command line turns SIGINT/SIGTERM into process.exit, which runs the `exit` handler below).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { UsageError } from "../args";
import { linkBaseNodeModules } from "./base-node-modules";

export interface BaseWorktree {
  ref: string;
  commit: string;
  /** The repository's top folder (the working tree being planned as the head). */
  repo: string;
  /** The base's top folder. */
  dir: string;
  /** Repository-relative paths that differ between the base and the working tree. */
  changedPaths: string[];
  /** Set when the base's package-lock.json differs from the working tree's. */
  lockfileNote: string | null;
  /**
   * No file git sees differs between the base and the working tree, so the base's plan is the working
   * tree's: it is planned once, and no worktree is made.
   */
  sameAsWorkingTree: boolean;
  /** The same path in the base, for paths inside the repository; other paths are shared. */
  toBase(file: string): string;
  remove(): void;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** The top folder of the git repository holding `dir`. */
export function repositoryOf(dir: string): string {
  try {
    return realpathSync(git(dir, "rev-parse", "--show-toplevel"));
  } catch {
    throw new UsageError(
      `--diff needs a git repository, and ${dir} is not inside one. Fix: plan projects that are committed in git.`,
    );
  }
}

export function createBaseWorktree(repo: string, ref: string): BaseWorktree {
  let commit: string;
  try {
    commit = git(repo, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  } catch {
    throw new UsageError(
      `\`--diff ${ref}\`: no such commit in ${repo}. Fix: give a branch, tag or commit that exists there ` +
        "(`git log --oneline` lists them), e.g. `--diff HEAD~1`.",
    );
  }
  const changedPaths = changedSince(repo, commit);
  if (changedPaths.length === 0) {
    return {
      ref,
      commit,
      repo,
      dir: repo,
      changedPaths,
      lockfileNote: null,
      sameAsWorkingTree: true,
      toBase: (file) => file,
      remove: () => {},
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "offline-plan-base-"));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.removeListener("exit", remove);
    removeWorktree(repo, dir);
  };
  process.on("exit", remove);
  try {
    git(repo, "worktree", "add", "--detach", "--quiet", dir, commit);
    linkBaseNodeModules(repo, dir);
  } catch (err) {
    remove();
    throw err;
  }
  const lockfileChanged = changedPaths.includes("package-lock.json");
  return {
    ref,
    commit,
    repo,
    dir,
    changedPaths,
    lockfileNote: lockfileChanged
      ? `package-lock.json differs between ${ref} and the working tree: ` +
        "the base is planned with the working tree's installed packages, " +
        "so a dependency change itself shows on neither side."
      : null,
    sameAsWorkingTree: false,
    toBase: (file) => {
      const relative = path.relative(repo, realpathSync(file));
      return relative.startsWith("..") || path.isAbsolute(relative) ? file : path.join(dir, relative);
    },
    remove,
  };
}

/** Tracked files changed since `commit` (committed or not) and untracked files, relative to the repository. */
function changedSince(repo: string, commit: string): string[] {
  const tracked = git(repo, "diff", "--name-only", "--no-renames", commit, "--");
  const untracked = git(repo, "ls-files", "--others", "--exclude-standard");
  return [...tracked.split("\n"), ...untracked.split("\n")].filter(Boolean);
}

/**
 * Runs inside an `exit` handler, so it is synchronous. The borrowed node_modules goes first: it is
 * symlinks into the working tree's packages, and removing it on its own never follows them.
 */
function removeWorktree(repo: string, dir: string): void {
  try {
    rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
    git(repo, "worktree", "remove", "--force", dir);
  } catch {
    // Fall back to deleting the folder and letting git forget the worktree.
  }
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  try {
    git(repo, "worktree", "prune");
  } catch {
    // The folder is gone; a stale worktree entry is pruned by git itself later.
  }
}

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { linkWorkspaceNodeModules } from "@platform/testing/src/scratch-workspace";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repositoryRoot } from "./workflows";

/**
 * The repository on GitHub, as a scratch git repository: this workspace's tracked files as they are on disk,
 * on `main`. A job's actions/checkout clones it; promote.yml's pull requests are branches in it, merged by
 * merge().
 */
export class ScratchRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "workflow-origin-"));

  constructor(prepare?: (dir: string) => void) {
    git(this.dir, "clone", "-q", firstCommit(), this.dir);
    git(this.dir, "remote", "remove", "origin");
    // node_modules for what `prepare` runs there (generators); the clones link their own.
    linkWorkspaceNodeModules(this.dir);
    writeFileSync(join(this.dir, ".git", "info", "exclude"), "node_modules\n");
    if (prepare) {
      prepare(this.dir);
      this.git("add", "-A");
      this.git("commit", "-q", "--amend", "-m", "first commit");
    }
  }

  git(...args: string[]): string {
    return git(this.dir, ...args);
  }

  get head(): string {
    return this.git("rev-parse", "main");
  }

  read(file: string): string {
    return readFileSync(join(this.dir, file), "utf8");
  }

  /** One commit on main that appends a line to each file (a comment in its own syntax); returns the commit. */
  push(files: string[], message = `change ${files.join(", ")}`): string {
    for (const file of files) {
      const comment = /\.(ya?ml|sh)$/.test(file) || file.endsWith("Dockerfile") ? "#" : /\.md$/.test(file) ? "" : "//";
      writeFileSync(join(this.dir, file), `${this.read(file)}\n${comment} a change under test\n`);
    }
    this.git("commit", "-q", "-am", message);
    return this.head;
  }

  /** One commit on main that replaces a file's text; returns the commit. */
  write(file: string, text: string, message = `edit ${file}`): string {
    writeFileSync(join(this.dir, file), text);
    this.git("commit", "-q", "-am", message);
    return this.head;
  }

  /** Merges a pull request's branch into main, as GitHub's merge button does; returns the merge commit. */
  merge(branch: string): string {
    this.git("merge", "-q", "--no-ff", "-m", `Merge ${branch}`, branch);
    return this.head;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", ...args], {
    cwd,
    encoding: "utf8",
  }).trim();
}

let template: string | undefined;

/**
 * A repository whose one commit holds the tracked files, made once per test process: every scenario's
 * repository is a clone of it (a fresh copy, the same first commit), instead of copying and hashing every
 * file again.
 */
function firstCommit(): string {
  if (template !== undefined) return template;
  const dir = mkdtempSync(join(tmpdir(), "workflow-first-commit-"));
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: repositoryRoot, encoding: "utf8" }).split("\0");
  for (const file of tracked.filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repositoryRoot, file), join(dir, file));
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "first commit");
  template = dir;
  return dir;
}

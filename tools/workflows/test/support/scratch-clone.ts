import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repositoryRoot } from "./workflows";

export interface ScratchClone {
  readonly dir: string;
  readonly base: string;
  readonly head: string;
  remove(): void;
}

/**
 * A git repository holding this workspace's tracked files as they are on disk (commit `base`), then one
 * more commit that appends a comment to `changedFile` (commit `head`). It stands in for actions/checkout;
 * base and head stand in for nrwl/nx-set-shas. node_modules links to the workspace's (it stands in for
 * `npm ci`, which needs the network). `prepare` edits the base before it is committed.
 */
export function scratchClone(changedFile: string, prepare: (dir: string) => void = () => undefined): ScratchClone {
  const dir = mkdtempSync(join(tmpdir(), "workflow-clone-"));
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: repositoryRoot, encoding: "utf8" }).split("\0");
  for (const file of tracked.filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repositoryRoot, file), join(dir, file));
  }
  symlinkSync(join(repositoryRoot, "node_modules"), join(dir, "node_modules"), "dir");
  prepare(dir);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", ...args], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
  git("init", "-q", "-b", "main");
  // The node_modules link is the stand-in install, not part of the change.
  writeFileSync(join(dir, ".git", "info", "exclude"), "node_modules\n");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  const base = git("rev-parse", "HEAD");
  const path = join(dir, changedFile);
  writeFileSync(path, `${readFileSync(path, "utf8")}\n// a change under test\n`);
  git("commit", "-q", "-am", `change ${changedFile}`);
  return { dir, base, head: git("rev-parse", "HEAD"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

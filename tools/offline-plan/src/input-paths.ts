// Paths from the command line, checked before any program or pack starts, so a typo costs nothing and
// never destroys a file: each problem is a UsageError (exit 2, no stack trace).
import { execFileSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
} from "node:fs";
import * as path from "node:path";
import { UsageError } from "./args";

/**
 * The last line of every file `--markdown` writes (an HTML comment, unseen in a rendered comment): how a later
 * run knows an existing file is one it may replace.
 */
export const WRITTEN_BY_THE_PLAN = "<!-- written by the offline plan (npm start -- --markdown) -->\n";

/**
 * An output file (`--markdown`): its folder exists and is writable, it is not a folder itself, not a
 * symbolic link (the write would land on whatever it points to; the file is opened with O_NOFOLLOW, so a
 * link would fail the write only after the whole plan), not inside a git directory (`.git/config`, a hook),
 * not a file git tracks (`--markdown projects/service/Pulumi.dev.yaml` would replace the stack file), judged in
 * the real folder, and, unless `overwrite`, not an existing file that a plan did not write.
 */
export function checkOutputPath(flag: string, given: string, file: string, overwrite = false): void {
  const link = lstatSync(file, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    throw new UsageError(
      `${flag} ${given}: ${file} is a symbolic link (to ${readlinkSync(file)}); the plan writes only a regular file, ` +
        `never through a link. Fix: remove the link, or name a new file, e.g. ${flag} plan.md.`,
    );
  }
  const folder = path.dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(
      `${flag} ${given}: the folder ${folder} does not exist. Fix: create it, or write to an existing folder.`,
    );
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UsageError(
      `${flag} ${given}: ${file} is a folder, not a file. Fix: name a file, e.g. ${flag} ${path.join(given, "plan.md")}.`,
    );
  }
  const writable = (target: string) => {
    try {
      accessSync(target, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (!writable(existsSync(file) ? file : folder)) {
    throw new UsageError(
      `${flag} ${given}: ${existsSync(file) ? file : folder} is not writable. Fix: choose a path you may write.`,
    );
  }
  if (isInGitDirectory(folder)) {
    throw new UsageError(
      `${flag} ${given}: ${file} is inside a git directory, which the plan never writes to. Fix: write to a file in the work tree or elsewhere, e.g. ${flag} plan.md.`,
    );
  }
  if (existsSync(file) && isTrackedByGit(file)) {
    throw new UsageError(
      `${flag} ${given}: ${file} is a file tracked by git; the plan never overwrites one. Fix: write to a new file, e.g. ${flag} plan.md.`,
    );
  }
  if (!overwrite && existsSync(file) && !readFileSync(file, "utf8").endsWith(WRITTEN_BY_THE_PLAN)) {
    throw new UsageError(
      `${flag} ${given}: ${file} exists and is not a summary the plan wrote. Fix: name a new file, or add --overwrite to replace it.`,
    );
  }
}

/** A folder inside `.git` (or a bare repository), by its real path and by git itself. */
function isInGitDirectory(folder: string): boolean {
  const real = realpathSync(folder);
  if (real.split(path.sep).includes(".git")) return true;
  try {
    const answer = execFileSync("git", ["rev-parse", "--is-inside-git-dir"], { cwd: real, encoding: "utf8" });
    return answer.trim() === "true";
  } catch {
    return false;
  }
}

/** A policy pack folder must hold PulumiPolicy.yaml, as `pulumi preview --policy-pack` requires. */
export function checkPolicyPackDir(given: string, dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(
      `--policy-pack ${given}: no such directory. Fix: name a policy pack folder, e.g. --policy-pack policies/fargate-guard.`,
    );
  }
  if (!existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    throw new UsageError(
      `--policy-pack ${given}: ${dir} has no PulumiPolicy.yaml, so it is not a policy pack. ` +
        "Fix: name the folder that holds PulumiPolicy.yaml, e.g. --policy-pack policies/fargate-guard.",
    );
  }
}

/**
 * `git ls-files --error-unmatch` exits 0 only for a tracked file; outside a repository it fails too. Asked
 * in the real folder, so a folder reached through a link is judged by the repository it is in.
 */
function isTrackedByGit(file: string): boolean {
  try {
    execFileSync("git", ["ls-files", "--error-unmatch", "--", path.basename(file)], {
      cwd: realpathSync(path.dirname(file)),
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

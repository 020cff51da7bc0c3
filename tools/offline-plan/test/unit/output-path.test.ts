// `--markdown <file>` never writes through a link, never inside .git, never over a file git tracks, nor over
// a file a plan did not write unless --overwrite says so, judged by the file that would really be written.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { writeOutputFile, OutputFileError } from "@platform/command-line";
import { UsageError } from "../../src/args";
import { checkOutputPath, WRITTEN_BY_THE_PLAN } from "../../src/input-paths";

let dir: string;
let repo: string;
const tracked = "tracked stack file\n";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "output-path-"));
  repo = path.join(dir, "repo");
  mkdirSync(repo);
  writeFileSync(path.join(repo, "Pulumi.dev.yaml"), tracked);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
  git("init", "-q");
  git("add", "Pulumi.dev.yaml");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "tracked");
  symlinkSync(path.join(repo, "Pulumi.dev.yaml"), path.join(repo, "l.md"));
  symlinkSync(repo, path.join(dir, "outside-link"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (file: string) => {
  try {
    checkOutputPath("--markdown", file, file);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
};

describe("checkOutputPath", () => {
  it("refuses an untracked link to a tracked file, naming where it points", () => {
    expect(refusal(path.join(repo, "l.md"))).toContain(`is a symbolic link (to ${path.join(repo, "Pulumi.dev.yaml")})`);
  });

  it("refuses a link that points nowhere yet", () => {
    symlinkSync(path.join(repo, "not-yet.md"), path.join(dir, "dangling.md"));
    expect(refusal(path.join(dir, "dangling.md"))).toContain("is a symbolic link");
  });

  it("judges a tracked file reached through a linked folder by the repository it really is in", () => {
    expect(refusal(path.join(dir, "outside-link", "Pulumi.dev.yaml"))).toContain("is a file tracked by git");
  });

  it("lets an untracked file in the repository that a plan wrote be replaced", () => {
    writeFileSync(path.join(repo, "old.md"), `an earlier summary\n${WRITTEN_BY_THE_PLAN}`);
    expect(refusal(path.join(repo, "old.md"))).toBeUndefined();
  });

  it("lets a new file in a linked folder be written", () => {
    expect(refusal(path.join(dir, "outside-link", "plan.md"))).toBeUndefined();
  });
});

describe("writeOutputFile", () => {
  it("fails on a link planted after the check, leaving the file it points to as it was", () => {
    const planted = path.join(dir, "planted.md");
    symlinkSync(path.join(repo, "Pulumi.dev.yaml"), planted);
    expect(() => writeOutputFile(planted, "summary")).toThrow(OutputFileError);
    expect(() => writeOutputFile(planted, "summary")).toThrow("is a symbolic link; it is not written through");
    expect(readFileSync(path.join(repo, "Pulumi.dev.yaml"), "utf8")).toBe(tracked);
  });

  it("writes and replaces a regular file", () => {
    const file = path.join(dir, "plan.md");
    writeOutputFile(file, "first");
    writeOutputFile(file, "second");
    expect(readFileSync(file, "utf8")).toBe("second");
  });

  it("says why a file cannot be opened, in one line", () => {
    expect(() => writeOutputFile("/sys/plan.md", "x")).toThrow(
      /^\/sys\/plan.md could not be opened for writing \(E[A-Z]+\)$/,
    );
  });
});

describe("checkOutputPath, inside git's own directory", () => {
  it.each([
    ["the repository's .git/config", () => path.join(repo, ".git", "config")],
    ["a new file in .git", () => path.join(repo, ".git", "plan.md")],
    ["a hook", () => path.join(repo, ".git", "hooks", "pre-commit")],
    ["a file in .git reached through a linked folder", () => path.join(dir, "outside-link", ".git", "config")],
  ])("refuses %s, even with --overwrite", (_case, file) => {
    const config = readFileSync(path.join(repo, ".git", "config"), "utf8");
    let message: string | undefined;
    try {
      checkOutputPath("--markdown", file(), file(), true);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("is inside a git directory, which the plan never writes to. Fix:");
    expect(readFileSync(path.join(repo, ".git", "config"), "utf8")).toBe(config);
  });

  it("refuses a bare repository's folder, which has no .git in its path", () => {
    const bare = path.join(dir, "bare.git-less");
    execFileSync("git", ["init", "-q", "--bare", bare]);
    expect(refusal(path.join(bare, "config"))).toContain("is inside a git directory");
  });
});

describe("checkOutputPath, an existing file", () => {
  it("refuses one the plan did not write, and says how to replace it", () => {
    writeFileSync(path.join(repo, "notes.md"), "a person's notes\n");
    expect(refusal(path.join(repo, "notes.md"))).toBe(
      `--markdown ${path.join(repo, "notes.md")}: ${path.join(repo, "notes.md")} exists and is not a summary the plan wrote. ` +
        "Fix: name a new file, or add --overwrite to replace it.",
    );
  });

  it("replaces it when asked with --overwrite", () => {
    writeFileSync(path.join(repo, "notes.md"), "a person's notes\n");
    expect(() => checkOutputPath("--markdown", "notes.md", path.join(repo, "notes.md"), true)).not.toThrow();
  });

  it("replaces a summary a plan wrote, without being asked", () => {
    writeFileSync(path.join(repo, "earlier.md"), `## ✅ Offline plan of \`dev\`: passed\n\n${WRITTEN_BY_THE_PLAN}`);
    expect(refusal(path.join(repo, "earlier.md"))).toBeUndefined();
  });

  it("still refuses a tracked file with --overwrite", () => {
    expect(() => checkOutputPath("--markdown", "Pulumi.dev.yaml", path.join(repo, "Pulumi.dev.yaml"), true)).toThrow(
      "is a file tracked by git",
    );
  });
});

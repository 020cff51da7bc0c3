// A token pasted into a stack file stops that stack, and is never repeated: not in the text report,
// not in the JSON, not in the Markdown summary, not in the progress log, not by a later check of the same key.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fixtureProject, planCli, type CliRun } from "./support/plan-cli";

const TOKEN = "github_pat_" + "11ABCDEFG0abcdefghijklmnopqrstuvwxyz0123456789";
const dir = mkdtempSync(path.join(tmpdir(), "token-in-stack-file-"));
const project = path.join(dir, "leaky");
let text: CliRun;
let json: CliRun;

beforeAll(async () => {
  mkdirSync(project);
  for (const file of ["Pulumi.yaml", "index.ts"])
    copyFileSync(path.join(fixtureProject("producer"), file), path.join(project, file));
  writeFileSync(
    path.join(project, "Pulumi.dev.yaml"),
    // The same token in the region and the account list too: each has a second check of its own, which
    // must not show what the first called "not shown".
    `config:\n  aws:region: ${TOKEN}\n  aws:allowedAccountIds: ["${TOKEN}"]\n  producer:registryToken: ${TOKEN}\n`,
  );
  [text, json] = await Promise.all([
    planCli(["--project", project, "--markdown", path.join(dir, "plan.md")]),
    planCli(["--project", project, "--json"]),
  ]);
});

it("fails the stack, naming the file and the key, without the value", () => {
  expect(text.code).toBe(1);
  expect(text.stdout).toContain("`producer:registryToken` in");
  expect(text.stdout).toContain("holds a value that looks like a token (not shown here)");
  expect(text.stdout).toContain("Fix: remove it from");
  expect(text.stdout).toContain("`aws:region` is <looks like a token, not shown> in");
});

it("repeats the token nowhere: text, progress, JSON or Markdown", () => {
  const everything = [
    text.stdout,
    text.stderr,
    json.stdout,
    json.stderr,
    readFileSync(path.join(dir, "plan.md"), "utf8"),
  ];
  expect(everything.filter((out) => out.includes(TOKEN.slice(0, 20)))).toEqual([]);
  expect((JSON.parse(json.stdout) as { ok: boolean }).ok).toBe(false);
});

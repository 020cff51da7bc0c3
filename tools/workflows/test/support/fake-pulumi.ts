import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PulumiCall {
  readonly argv: string[];
  readonly cwd: string;
  /** "<project folder>/<stack>", e.g. "service/dev". */
  readonly stack: string;
  /** The PULUMI_ACCESS_TOKEN / PULUMI_BACKEND_URL it was given (the login a real CLI would use). */
  readonly token: string | null;
  readonly backend: string | null;
}

/** What one `<verb> <project>/<stack>` answers; by default success, and for `preview --json` no change. */
export interface PulumiAnswer {
  readonly exit?: number;
  readonly stdout?: string;
  readonly stderr?: string;
}

/**
 * A `pulumi` on PATH that records each call (arguments, working directory, the login it was given) and answers
 * from a table keyed by "<verb> <project>/<stack>" (set with answer()): what is under test is which commands
 * the workflows run and how they read the answers, not Pulumi. `stack output <name>` answers from
 * FAKE_PULUMI_OUTPUT_<name> (the smoke test's load balancer address).
 */
export function fakePulumi(): { dir: string; calls(): PulumiCall[]; answer(key: string, answer: PulumiAnswer): void } {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(dir, "calls.jsonl");
  const answers = join(dir, "answers.json");
  writeFileSync(answers, "{}");
  const program = `
const fs = require("fs");
const path = require("path");
const argv = process.argv.slice(2);
const at = argv.indexOf("--stack");
const stackName = at >= 0 ? argv[at + 1].split("/").pop() : "";
const stack = path.basename(process.cwd()) + "/" + stackName;
const env = process.env;
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, cwd: process.cwd(), stack,
  token: env.PULUMI_ACCESS_TOKEN ?? null, backend: env.PULUMI_BACKEND_URL ?? null }) + "\\n");
if (argv[0] === "stack" && argv[1] === "output") {
  const value = env["FAKE_PULUMI_OUTPUT_" + argv[2]];
  if (value === undefined) { console.error("no output " + argv[2]); process.exit(1); }
  console.log(value);
  process.exit(0);
}
const answer = JSON.parse(fs.readFileSync(${JSON.stringify(answers)}, "utf8"))[argv[0] + " " + stack];
if (answer) {
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.exit(answer.exit ?? 0);
}
if (argv[0] === "preview" && argv.includes("--json")) {
  console.log(JSON.stringify({ steps: [], changeSummary: { same: 4 }, diagnostics: [] }));
}
`;
  writeFileSync(join(dir, "fake-pulumi.js"), program);
  writeFileSync(join(dir, "pulumi"), `#!/bin/sh\nexec "${process.execPath}" "${join(dir, "fake-pulumi.js")}" "$@"\n`);
  chmodSync(join(dir, "pulumi"), 0o755);
  return {
    dir,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as PulumiCall)
        : [],
    answer: (key, answer) => {
      const table = JSON.parse(readFileSync(answers, "utf8")) as Record<string, PulumiAnswer>;
      writeFileSync(answers, JSON.stringify({ ...table, [key]: answer }));
    },
  };
}

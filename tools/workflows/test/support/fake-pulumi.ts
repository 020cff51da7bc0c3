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
  /** When it started and, for an `up` that FAKE_PULUMI_UP_MS made take time, ended (ms since the epoch). */
  readonly started: number;
  readonly ended?: number;
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
 * the workflows run and how they read the answers, not Pulumi. `stack output <name>` answers from the table's
 * "output <name> <project>/<stack>", else from FAKE_PULUMI_OUTPUT_<name> (the smoke test's load balancer address). For deploys at scale: each `up` takes
 * FAKE_PULUMI_UP_MS, and with FAKE_PULUMI_TOGETHER=<n> an `up` of a project not in FAKE_PULUMI_ALONE (comma-
 * separated) first waits until n such `up`s have started, or fails after a minute: it proves they run at once.
 */
export function fakePulumi(): { dir: string; calls(): PulumiCall[]; answer(key: string, answer: PulumiAnswer): void } {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(dir, "calls.jsonl");
  const answers = join(dir, "answers.json");
  const ends = join(dir, "ends.jsonl");
  writeFileSync(answers, "{}");
  const program = `
const fs = require("fs");
const path = require("path");
const argv = process.argv.slice(2);
const at = argv.indexOf("--stack");
const stackName = at >= 0 ? argv[at + 1].split("/").pop() : "";
const stack = path.basename(process.cwd()) + "/" + stackName;
const env = process.env;
const started = Date.now();
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, cwd: process.cwd(), stack,
  token: env.PULUMI_ACCESS_TOKEN ?? null, backend: env.PULUMI_BACKEND_URL ?? null, started }) + "\\n");
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
if (argv[0] === "up" && env.FAKE_PULUMI_UP_MS) {
  const alone = (env.FAKE_PULUMI_ALONE ?? "").split(",");
  // Another call may be mid-append: a read can see part of its line, so only lines that end count.
  const complete = (text) => text.slice(0, text.lastIndexOf("\\n") + 1);
  const together = () => complete(fs.readFileSync(${JSON.stringify(log)}, "utf8")).split("\\n").filter(Boolean)
    .map((line) => JSON.parse(line)).filter((c) => c.argv[0] === "up" && !alone.includes(c.stack.split("/")[0])).length;
  if (env.FAKE_PULUMI_TOGETHER && !alone.includes(stack.split("/")[0])) {
    while (together() < Number(env.FAKE_PULUMI_TOGETHER)) {
      if (Date.now() - started > 60000) {
        console.error("waited a minute for " + env.FAKE_PULUMI_TOGETHER + " ups at once; " + together() + " started");
        process.exit(1);
      }
      pause(50);
    }
  }
  pause(Number(env.FAKE_PULUMI_UP_MS));
  fs.appendFileSync(${JSON.stringify(ends)}, JSON.stringify({ stack, started, ended: Date.now() }) + "\\n");
}
if (argv[0] === "stack" && argv[1] === "output") {
  const own = JSON.parse(fs.readFileSync(${JSON.stringify(answers)}, "utf8"))["output " + argv[2] + " " + stack];
  if (own) {
    process.stdout.write(own.stdout ?? "");
    process.exit(own.exit ?? 0);
  }
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
    calls: () => {
      const lines = <T>(file: string): T[] =>
        existsSync(file)
          ? readFileSync(file, "utf8")
              .split("\n")
              .filter(Boolean)
              .map((line) => JSON.parse(line) as T)
          : [];
      const ended = lines<{ stack: string; started: number; ended: number }>(ends);
      return lines<PulumiCall>(log).map((call) => {
        const end = ended.find((e) => e.stack === call.stack && e.started === call.started);
        return end ? { ...call, ended: end.ended } : call;
      });
    },
    answer: (key, answer) => {
      const table = JSON.parse(readFileSync(answers, "utf8")) as Record<string, PulumiAnswer>;
      writeFileSync(answers, JSON.stringify({ ...table, [key]: answer }));
    },
  };
}

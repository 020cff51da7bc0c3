// The workflows ask nx the same read-only questions many times over: each deploy job recomputes its stacks,
// every drift job lists the same projects, every scenario of a suite starts from the same files. nx answers a
// question from the checked-out files, the compared commits and its environment alone, yet each answer costs a
// project-graph build (plugins loaded and run) in a new process. This `npx` on PATH asks real nx once per
// distinct question of a test run and replays that answer, byte for byte, when the same question comes again
// about the same content. Anything that runs targets (`nx run-many`, `nx affected -t`) always goes to real nx.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Puts the recording `npx` into `binDir` (first on the steps' PATH). Answers are kept for the whole test run
 * (the run's temporary folder), shared by the suites running in parallel; its questions.log lists each question
 * with whether real nx answered it.
 */
export function installRecordedNx(binDir: string): void {
  const realNpx = join(dirname(process.execPath), "npx");
  if (!existsSync(realNpx)) throw new Error(`recorded nx: no npx beside node at ${realNpx}`);
  const answers = join(tmpdir(), "nx-answers");
  mkdirSync(answers, { recursive: true });
  const program = join(binDir, "recorded-nx.js");
  writeFileSync(program, shim(realNpx, answers));
  writeFileSync(join(binDir, "npx"), `#!/bin/sh\nexec "${process.execPath}" "${program}" "$@"\n`);
  chmodSync(join(binDir, "npx"), 0o755);
}

/**
 * The key of a question: the arguments, the folder asked from, the checked-out tree, for `--affected` the trees
 * of the merge base and head it compares (nx diffs them, and reads changed JSON files at the base), and the
 * environment nx and the workspace's plugins may read: nx's own NX_* settings, and the Pulumi, AWS and CI
 * variables (the plugins read none today). Per-job paths, ports and step variables such as ENVIRONMENT stay out,
 * or the same question would never be recognised. A working tree with changes, an unknown ref or an unusual
 * argument is not keyed: real nx answers it.
 */
function shim(realNpx: string, answers: string): string {
  return `
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const argv = process.argv.slice(2);
const answers = ${JSON.stringify(answers)};
const readByNx = /^(NX_.*|PULUMI_.*|AWS_.*|CI|GITHUB_ACTIONS|NODE_OPTIONS)$/;

function ask() {
  const result = spawnSync(${JSON.stringify(realNpx)}, argv, { stdio: ["inherit", "pipe", "pipe"], maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function passThrough() {
  const result = spawnSync(${JSON.stringify(realNpx)}, argv, { stdio: "inherit" });
  process.exit(result.status ?? 1);
}

function keyOf() {
  if (argv[0] !== "nx" || (argv[1] !== "show" && argv[1] !== "graph")) return undefined;
  if (argv.some((a) => a === "--file" || /^--(base|head)\\b/.test(a))) return undefined;
  const git = (...args) =>
    execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const top = git("rev-parse", "--show-toplevel");
    if (git("status", "--porcelain", "--untracked-files=all") !== "") return undefined;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => readByNx.test(k)).sort());
    const parts = {
      argv: argv.map((a) => (a.startsWith("--file=") ? "--file=<file>" : a)),
      cwd: path.relative(top, process.cwd()),
      tree: git("rev-parse", "HEAD^{tree}"),
      env,
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
const fileArg = argv.find((a) => a.startsWith("--file="));
const file = fileArg && path.resolve(fileArg.slice("--file=".length));
const stored = path.join(answers, keyed.key + ".json");
const note = (how) => fs.appendFileSync(path.join(answers, "questions.log"), how + " " + argv.join(" ") + "\\n");
if (fs.existsSync(stored)) {
  const answer = JSON.parse(fs.readFileSync(stored, "utf8"));
  if (file) fs.writeFileSync(file, Buffer.from(answer.file, "base64"));
  process.stdout.write(Buffer.from(answer.stdout, "base64"));
  process.stderr.write(Buffer.from(answer.stderr, "base64"));
  note("replayed");
  process.exitCode = 0;
} else {
  const result = ask();
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  note("asked");
  const written = file && fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  // An answer that names this clone's folder would be wrong in another one: it is never replayed.
  const local = [result.stdout, result.stderr, written].some((b) => b.includes(keyed.top));
  if (result.status === 0 && !local) {
    const answer = { stdout: result.stdout.toString("base64"), stderr: result.stderr.toString("base64"),
      file: written.toString("base64") };
    const temp = stored + "." + process.pid;
    fs.writeFileSync(temp, JSON.stringify(answer));
    fs.renameSync(temp, stored);
  }
  process.exitCode = result.status;
}
`;
}

// What both benchmarks share: running the offline plan as `npm start` does and timing it, and the
// statistics they print.
"use strict";
const { spawn } = require("node:child_process");
const { readFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "tools", "offline-plan", "bin", "plan.js");

/**
 * User + system seconds of every child this process has waited for, and of theirs (cutime and cstime, fields 16
 * and 17 of /proc/self/stat; Linux): one plan's whole process tree, as plans run one at a time.
 */
function childrenCpuSeconds() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * One plan with these arguments; TMPDIR decides which tsx compile cache it finds (cold or warm). Resolves with its
 * exit code, wall time, CPU (the plan and every process it started) and stderr.
 */
function runPlan(planArgs, tmpdir) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(process.execPath, [BIN, ...planArgs], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmpdir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) =>
      resolve({
        code,
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        cpuSeconds: childrenCpuSeconds() - cpuBefore,
        stderr,
      }),
    );
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)}s`;

/** `--runs N` among the benchmark's own arguments, or the default. */
function runsFrom(argv, fallback) {
  const at = argv.indexOf("--runs");
  const runs = at < 0 ? fallback : Number(argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a positive integer");
  return runs;
}

module.exports = { ROOT, BIN, runPlan, median, fmt, runsFrom };

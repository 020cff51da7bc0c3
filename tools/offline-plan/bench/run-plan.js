// What both benchmarks share: running the offline plan as `npm start` does and timing it, and the
// statistics they print.
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "tools", "offline-plan", "bin", "plan.js");

/** One plan with these arguments; TMPDIR decides which tsx compile cache it finds (cold or warm). */
function runPlan(planArgs, tmpdir) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...planArgs], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmpdir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, stderr }));
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

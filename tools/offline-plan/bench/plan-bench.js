#!/usr/bin/env node
// Benchmark of `npm start` (the offline plan), cold and warm, with the split between program runs
// and policy evaluation. Not a test: it prints numbers.
//
//   node tools/offline-plan/bench/plan-bench.js [--runs 5] [-- <plan arguments, default --env dev>]
//
// Cold: every run gets a fresh, empty TMPDIR, so tsx has no compile cache (its cache lives in
// $TMPDIR/tsx-<uid>). The OS file cache stays warm; dropping it needs root.
// Warm: one unmeasured run fills a TMPDIR's cache, then the measured runs reuse it.
"use strict";
const { mkdtempSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { BIN, ROOT, fmt, median, runPlan, runsFrom } = require("./run-plan");

function parse(argv) {
  const split = argv.indexOf("--");
  const own = split < 0 ? argv : argv.slice(0, split);
  const planArgs = split < 0 ? ["--env", "dev"] : argv.slice(split + 1);
  return { runs: runsFrom(own, 5), planArgs };
}

/** The plan's own "Timing:" line, and its per-stack progress lines. */
function split(stderr) {
  const t =
    /Timing: ([\d.]+)s in all; programs done at ([\d.]+)s, policy packs ready at ([\d.]+)s, ([\d.]+)s waiting on analysis, policy evaluation added ([\d.]+)s/.exec(
      stderr,
    );
  const stacks = [...stderr.matchAll(/^ {2}[✓✗] (\S+): .* (?:in|after) ([\d.]+)s$/gm)].map((m) => `${m[1]} ${m[2]}s`);
  return t ? { total: +t[1], programs: +t[2], packsReady: +t[3], analysis: +t[4], policyTail: +t[5], stacks } : null;
}

function report(label, results) {
  const walls = results.map((r) => r.wallMs);
  console.log(
    `\n${label}: median ${fmt(median(walls))}  (min ${fmt(Math.min(...walls))}, max ${fmt(Math.max(...walls))}, ${results.length} runs, exit codes ${[...new Set(results.map((r) => r.code))].join(",")})`,
  );
  const splits = results.map((r) => split(r.stderr)).filter(Boolean);
  if (!splits.length) return console.log(results[0].stderr.trim());
  const m = (key) => median(splits.map((s) => s[key])).toFixed(2);
  console.log(
    `  programs done at ${m("programs")}s | packs ready at ${m("packsReady")}s | ${m("analysis")}s waiting on analysis | policy evaluation after the last program ${m("policyTail")}s`,
  );
  console.log(`  per stack (last run): ${splits[splits.length - 1].stacks.join(", ")}`);
}

async function main() {
  const { runs, planArgs } = parse(process.argv.slice(2));
  console.log(
    `node ${path.relative(ROOT, BIN)} ${planArgs.join(" ")}   (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`,
  );
  const cold = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "plan-bench-cold-"));
    cold.push(await runPlan(planArgs, dir));
    rmSync(dir, { recursive: true, force: true });
  }
  report("cold (empty tsx cache)", cold);

  const warmDir = mkdtempSync(path.join(os.tmpdir(), "plan-bench-warm-"));
  await runPlan(planArgs, warmDir);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await runPlan(planArgs, warmDir));
  rmSync(warmDir, { recursive: true, force: true });
  report("warm", warm);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});

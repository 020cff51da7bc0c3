#!/usr/bin/env node
// Benchmark of what `--diff` and `--env all` cost, as ratios measured in the same run (the machines
// are shared, so absolute times drift; runs are interleaved so drift hits every variant alike):
//   `--diff HEAD --env dev` against a plain `--env dev`            (aim: at most 2.2)
//   `--env all` against one environment, and against three single runs  (aim: at most 1.6 × one)
//   the CPU of `--env all` (every process of the plan) against one environment's  (aim: at most 2 × one)
//
//   node tools/offline-plan/bench/diff-bench.js [--runs 3]
//
// Warm: one unmeasured run of each variant fills a shared tsx cache (TMPDIR) first.
"use strict";
const { mkdtempSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { fmt, median, runPlan, runsFrom } = require("./run-plan");

const VARIANTS = {
  dev: ["--env", "dev"],
  staging: ["--env", "staging"],
  prod: ["--env", "prod"],
  diff: ["--diff", "HEAD", "--env", "dev"],
  all: ["--env", "all"],
};

async function main() {
  const runs = runsFrom(process.argv, 3);
  console.log(
    `offline plan: --diff and --env all   (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, ${runs} runs each)`,
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), "diff-bench-"));
  const walls = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
  const cpus = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
  try {
    for (const args of Object.values(VARIANTS)) await runPlan(args, tmp);
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(VARIANTS)) {
        const result = await runPlan(args, tmp);
        if (result.code === 2 || result.stderr.includes("the plan could not run"))
          throw new Error(`${args.join(" ")} failed:\n${result.stderr}`);
        walls[name].push(result.wallMs);
        cpus[name].push(result.cpuSeconds);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const m = Object.fromEntries(Object.entries(walls).map(([name, xs]) => [name, median(xs)]));
  const cpu = Object.fromEntries(Object.entries(cpus).map(([name, xs]) => [name, median(xs)]));
  for (const [name, args] of Object.entries(VARIANTS)) {
    console.log(
      `  ${args.join(" ").padEnd(26)} median ${fmt(m[name])}  (min ${fmt(Math.min(...walls[name]))}, max ${fmt(Math.max(...walls[name]))}), ${cpu[name].toFixed(1)} CPU-s`,
    );
  }
  const three = m.dev + m.staging + m.prod;
  console.log(`\n  --diff HEAD --env dev / --env dev:   ${(m.diff / m.dev).toFixed(2)}  (aim ≤ 2.2)`);
  console.log(`  --env all / --env dev:               ${(m.all / m.dev).toFixed(2)}  (aim ≤ 1.6)`);
  console.log(`  --env all / --env dev, CPU:          ${(cpu.all / cpu.dev).toFixed(2)}  (aim ≤ 2)`);
  console.log(
    `  --env all / three single runs:       ${(m.all / three).toFixed(2)}  (${fmt(m.all)} against ${fmt(three)})`,
  );
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});

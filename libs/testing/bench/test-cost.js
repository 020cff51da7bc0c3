#!/usr/bin/env node
// What the README's test command costs: wall time and CPU (user + system) of its whole process tree, and
// the CPU of each test file, most expensive first. Usage, from the workspace root:
//
//   node libs/testing/bench/test-cost.js [--json] [--top N] [-- <jest args…>]
//
// Runs `npm test` (with the jest args, if any), so it measures exactly what a newcomer runs. The tree's CPU is
// the kernel's account of every process this one waited for, read from /proc after `npm test` exits.
"use strict";
const { spawn } = require("node:child_process");
const { mkdtempSync, readFileSync, existsSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const WALL_LIMIT_S = 180;
const CPU_LIMIT_S = 360;

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const own = separator < 0 ? argv : argv.slice(0, separator);
const jestArgs = separator < 0 ? [] : argv.slice(separator + 1);
const json = own.includes("--json");
const top = Number(own[own.indexOf("--top") + 1]) || 15;

function childrenCpuSeconds() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const log = path.join(mkdtempSync(path.join(tmpdir(), "test-cost-")), "cpu.jsonl");
const before = childrenCpuSeconds();
const started = Date.now();
const child = spawn("npm", ["test", "--", ...jestArgs], {
  stdio: ["ignore", json ? "ignore" : "inherit", json ? "ignore" : "inherit"],
  env: { ...process.env, PLATFORM_TEST_CPU_LOG: log },
});
child.on("exit", (code) => {
  const wallSeconds = (Date.now() - started) / 1000;
  const cpuSeconds = childrenCpuSeconds() - before;
  const files = existsSync(log)
    ? readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
        .map((f) => ({ file: f.file, cpuSeconds: f.ownCpuSeconds + f.childCpuSeconds, wallSeconds: f.wallSeconds }))
        .sort((a, b) => b.cpuSeconds - a.cpuSeconds)
    : [];
  const result = {
    exitCode: code,
    wallSeconds,
    cpuSeconds,
    wallOfLimit: wallSeconds / WALL_LIMIT_S,
    cpuOfLimit: cpuSeconds / CPU_LIMIT_S,
    files,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const pct = (x) => `${Math.round(x * 100)}%`;
    console.log(`\nnpm test exited ${code}`);
    console.log(`wall ${wallSeconds.toFixed(1)} s (${pct(result.wallOfLimit)} of ${WALL_LIMIT_S} s)`);
    console.log(`CPU  ${cpuSeconds.toFixed(1)} s (${pct(result.cpuOfLimit)} of ${CPU_LIMIT_S} s), user + system`);
    const accounted = files.reduce((sum, f) => sum + f.cpuSeconds, 0);
    console.log(`\nmost expensive test files (CPU s, share of the run's CPU; ${files.length} files):`);
    for (const f of files.slice(0, top)) {
      console.log(`  ${f.cpuSeconds.toFixed(1).padStart(6)}  ${pct(f.cpuSeconds / cpuSeconds).padStart(4)}  ${f.file}`);
    }
    console.log(`  ${accounted.toFixed(1).padStart(6)}  ${pct(accounted / cpuSeconds).padStart(4)}  all test files`);
  }
  process.exitCode = code ?? 1;
});

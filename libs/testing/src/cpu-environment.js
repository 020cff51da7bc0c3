// jest's node environment, plus one line of CPU accounting per test file, appended to the file named by
// PLATFORM_TEST_CPU_LOG (jest.config.js uses this environment only then; libs/testing/bench/test-cost.js
// sets it). A file's cost is its worker's CPU from the environment's setup to its teardown, after every
// hook, plus the CPU of the processes it started and waited for (the kernel adds a reaped child's time,
// and its own reaped children's, to the parent's cutime/cstime).
"use strict";
const { appendFileSync, readFileSync } = require("node:fs");
const path = require("node:path");
const { TestEnvironment } = require("jest-environment-node");

const TICKS_PER_SECOND = 100;

function cpuSeconds() {
  const own = process.cpuUsage();
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  // cutime and cstime are fields 16 and 17 of proc(5), counted from the state (field 3).
  const children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  return { own: (own.user + own.system) / 1e6, children };
}

class CpuEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = path.relative(config.globalConfig.rootDir, context.testPath);
    this.start = { cpu: cpuSeconds(), wall: Date.now() };
  }

  async teardown() {
    await super.teardown();
    const end = cpuSeconds();
    const line = {
      file: this.testPath,
      wallSeconds: (Date.now() - this.start.wall) / 1000,
      ownCpuSeconds: end.own - this.start.cpu.own,
      childCpuSeconds: end.children - this.start.cpu.children,
    };
    appendFileSync(process.env.PLATFORM_TEST_CPU_LOG, `${JSON.stringify(line)}\n`);
  }
}

module.exports = CpuEnvironment;

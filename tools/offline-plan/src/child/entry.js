// The program process's launcher. It loads the project's Pulumi SDK natively *before* tsx hooks
// `require` (through tsx every SDK file pays for the hook, which doubles the ~0.4 s load), then runs
// the TypeScript runner, which requires the program through tsx. No type-checking on this path.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");
const { watchParent, PARENT_PIPE_ENV } = require("@platform/policy-analyzer/watch-parent");
const { deferClosureModules } = require("@platform/policy-analyzer/defer-closure-modules");

// The IPC channel's close is only noticed once the event loop runs; this notices the plan's end at once.
watchParent(Number(process.env[PARENT_PIPE_ENV]));

const job = JSON.parse(process.env.OFFLINE_PLAN_JOB || "{}");
const projectRequire = createRequire(path.join(job.projectDir, "package.json"));
deferClosureModules(projectRequire, "@pulumi/pulumi");
for (const sdk of ["@pulumi/pulumi", "@pulumi/aws"]) {
  try {
    projectRequire(sdk);
  } catch {
    // Not every program uses both; the runner reports a missing @pulumi/pulumi with a clear message.
  }
}
require("tsx/cjs/api").register();
require("./program-child.ts").main(job, projectRequire);

// The program process's launcher. It loads the program's JavaScript dependencies (the Pulumi SDKs first)
// natively *before* tsx hooks `require` (through tsx every file pays for the hook, which doubles the SDK's
// load), then runs the program runner, which requires the program through tsx. No type-checking here.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");
const { watchParent, PARENT_PIPE_ENV } = require("@platform/policy-analyzer/watch-parent");
const { preloadDependencies } = require("@platform/policy-analyzer/preload-dependencies");

// The IPC channel's close is only noticed once the event loop runs; this notices the plan's end at once.
watchParent(Number(process.env[PARENT_PIPE_ENV]));

const job = JSON.parse(process.env.OFFLINE_PLAN_JOB || "{}");
const projectRequire = createRequire(path.join(job.projectDir, "package.json"));
// A missing @pulumi/pulumi is left to the runner, which reports it with a clear message.
preloadDependencies(projectRequire, ["@pulumi/pulumi", "@pulumi/aws"]);
// The plan's own side, bundled once per change of its sources (@platform/compiled), so that in each program
// process only the program's files go through tsx. A first start compiles, and then the module comes as a promise.
Promise.resolve(require("@platform/compiled").runCompiled(__dirname, "program-child.ts")).then(
  ({ serve }) => {
    require("tsx/cjs/api").register();
    return serve(job, projectRequire, __dirname);
  },
  (error) => {
    const errors = [`the plan's program process could not load: ${error.message}`];
    process.send?.({ kind: "done", errors, reusable: false });
    process.exit(1);
  },
);

#!/usr/bin/env node
// Launcher of `npm run preflight`. tsx compiles the TypeScript sources on the fly (no type-check; `npm run
// typecheck` does that). Paths resolve from the workspace root, which is where npm runs root scripts.
"use strict";
const path = require("node:path");
require("tsx/cjs/api").register();
require("@platform/command-line").installUncaughtErrorHandler("preflight");
require("../src/cli.ts")
  .main(process.argv.slice(2), {
    root: path.resolve(__dirname, "../../.."),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  })
  .then((code) => {
    process.exitCode = code;
  });

#!/usr/bin/env node
// Launcher of `npm run promote`. tsx compiles the TypeScript sources on the fly without type-checking
// (`npm run typecheck` does that), as the offline plan's launcher does.
"use strict";
require("tsx/cjs/api").register();
require("@platform/command-line").installUncaughtErrorHandler("promote");
require("../src/cli.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

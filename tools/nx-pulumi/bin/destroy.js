#!/usr/bin/env node
// `pulumi destroy <args>`, run in a Pulumi project folder, refused while a stack that reads this one still has
// resources (src/destroy-guard.ts). The nx `destroy` target and the README's command run it. tsx compiles the
// TypeScript source on the fly, as the other tools' launchers do.
"use strict";
require("tsx/cjs/api").register();
require("@platform/command-line").installUncaughtErrorHandler("destroy");
process.exitCode = require("../src/destroy-guard.ts").main(process.argv.slice(2));

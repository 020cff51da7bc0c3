#!/usr/bin/env node
// Launcher of the offline plan (`npm start`). Its TypeScript sources run bundled, compiled once per change of
// their sources (@platform/compiled), not through a require hook file by file on every start. No type-check
// here: `npm run typecheck` does it.
"use strict";
const path = require("node:path");
require("@platform/command-line/node-version").exitOnUnsupportedNode();
// `npm start | head` closes stdout early; that is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

Promise.resolve(require("@platform/compiled").runCompiled(path.join(__dirname, "..", "src"), "cli.ts"))
  .then(
    (cli) => {
      cli.installUncaughtErrorHandler("npm start");
      return cli.main(process.argv.slice(2));
    },
    (error) => {
      process.stderr.write(`npm start: the offline plan could not load: ${error.message}\n`);
      return 1;
    },
  )
  .then((code) => {
    process.exitCode = code;
    // Children and gRPC channels are closed by now; do not let a stray handle keep the process alive.
    setTimeout(() => process.exit(code), 2000).unref();
  });

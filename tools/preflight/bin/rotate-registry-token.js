#!/usr/bin/env node
// Launcher of `npm run rotate-registry-token`, as bin/preflight.js launches the preflight.
"use strict";
const path = require("node:path");
require("tsx/cjs/api").register();
require("@platform/command-line").installUncaughtErrorHandler("rotate-registry-token");
const { rotate, readTokenFromStdin } = require("../src/rotate.ts");
const stderr = (text) => process.stderr.write(text);
rotate(process.argv.slice(2), {
  root: path.resolve(__dirname, "../../.."),
  stdout: (text) => process.stdout.write(text),
  stderr,
  readToken: readTokenFromStdin(process.stdin, stderr),
}).then((code) => {
  process.exitCode = code;
});

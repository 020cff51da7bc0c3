// The pack's entry (package.json `main`): index.ts compiled as fargate-guard's is, so the benchmark starts every
// pack the same way (@platform/compiled).
"use strict";
module.exports = require("@platform/compiled").runCompiled(__dirname);

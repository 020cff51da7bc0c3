// The pack's entry (package.json `main`): index.ts compiled as fargate-guard's is, so the benchmark starts every
// pack the same way (../../compiled-pack.js).
"use strict";
module.exports = require("../../compiled-pack").runCompiled(__dirname);

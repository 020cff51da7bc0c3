// The pack's entry point (package.json `main`), which run-policy-pack requires: index.ts compiled to JavaScript
// once per change of its sources, so no start compiles TypeScript (compiled-pack.js says how and why).
"use strict";
module.exports = require("./compiled-pack").runCompiled(__dirname);

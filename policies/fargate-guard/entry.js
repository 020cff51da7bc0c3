// The pack's entry point (package.json `main`), which run-policy-pack requires: index.ts compiled to JavaScript
// once per change of its sources, so no start compiles TypeScript (@platform/compiled says how and why).
"use strict";
module.exports = require("@platform/compiled").runCompiled(__dirname);

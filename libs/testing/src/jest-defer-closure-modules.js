// Every test file that loads the Pulumi SDK would also load TypeScript, which the SDK needs only to serialise
// closures and no test does in-process (@platform/policy-analyzer/defer-closure-modules): it is put off until
// first use, in each test file's module registry and the isolated ones of its program runs.
/* global jest -- a setup file runs in each test file's jest environment */
"use strict";
const { CLOSURE_MODULES, lazyModule } = require("@platform/policy-analyzer/defer-closure-modules");

for (const id of CLOSURE_MODULES) jest.doMock(id, () => lazyModule(() => jest.requireActual(id)));

// The tests `npm run test:mutation` runs (stryker.config.mjs): the core's own tests. Stryker runs against a mutant
// only the tests it saw reach that mutant in this process, so a test that reaches the core only through a child
// process (a started pack, a plan) would run once, at the start, and never against a mutant: those are left out.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // What the core and its tests import, for jest's map of which test reaches which file (findRelatedTests).
  roots: ["<rootDir>/libs", "<rootDir>/policies", "<rootDir>/tools/offline-plan"],
  testMatch: [
    "<rootDir>/policies/fargate-guard/test/**/*.test.ts",
    "<rootDir>/libs/{iam,image-ref,registry-client}/test/**/*.test.ts",
    "<rootDir>/tools/offline-plan/test/unit/**/*.test.ts",
  ],
  // jest.config.js's global setup starts the pack once, to build it for the tests that start it; none of these
  // does, and Stryker runs jest once per mutant: with a mutated pack source, each start would also recompile it.
  globalSetup: undefined,
  globalTeardown: undefined,
  // Each mutant loads only the test files that hold the tests Stryker runs against it (the sequencer says why).
  testSequencer: "<rootDir>/libs/testing/src/mutation-test-sequencer.js",
  // ... and stops at the first file that fails (the runner says why).
  runner: "<rootDir>/libs/testing/src/mutation-test-runner.js",
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // They start the pack, or a script that loads it, in a child process.
    "/policies/fargate-guard/test/pack/(bench|check-config-script|pack-process|start-equivalence)\\.test\\.ts$",
  ],
};

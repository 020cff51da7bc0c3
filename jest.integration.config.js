// `npm run test:integration`, which CI runs, and the pull-request gate per affected project (nx's `integration`
// target):
// - the tests that need programs from outside npm, or the network;
// - the end-to-end runs over the whole workspace, which together would cost `npm test` half its budget: the
//   upgrade's plan of every environment against git history, every documented `npm start` command, each program
//   through the real language host, `--diff` on a scratch repository, the nx deploy targets, a service generated
//   through nx and planned, the public-example programs, a new environment added to a scratch copy and planned,
//   `nx affected` over the whole workspace's graph, promotions through the real plan of prod, every `Fix:` a
//   config error prints applied and its project planned again;
// - the check that the pack's benchmarks still run (they start packs cold and warm; they measure, they test no
//   behaviour).
// Same settings as `npm test` (jest.config.js); a missing program fails the run before any test, never skips one.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["**/*.integration.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/fixtures/"],
  globalSetup: "<rootDir>/libs/testing/src/jest-integration-setup.js",
};

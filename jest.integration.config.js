// The tests that need programs from outside npm or the network, the upgrade's plan of every environment against
// git history (it plans three environments twice, a fifth of the README's budget), and the check that the pack's
// benchmarks still run (they start packs cold and warm; they measure, they test no behaviour):
// `npm run test:integration`, which CI runs. Same settings as `npm test` (jest.config.js); a missing program fails the run before any test, never
// skips one.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["**/*.integration.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/fixtures/"],
  globalSetup: "<rootDir>/libs/testing/src/jest-integration-setup.js",
};

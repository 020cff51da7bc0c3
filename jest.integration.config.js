// The tests that need programs from outside npm or the network: `npm run test:integration`. Same settings
// as `npm test` (jest.config.js); a missing program fails the run before any test, never skips one.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["**/*.integration.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/fixtures/"],
  globalSetup: "<rootDir>/libs/testing/src/jest-integration-setup.js",
};

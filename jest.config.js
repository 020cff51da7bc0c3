// One jest run for the whole workspace: @swc/jest strips types without type-checking
// (that is `npm run typecheck`'s job), which keeps `npm test` fast on two cores.
/** @type {import('jest').Config} */
module.exports = {
  // With PLATFORM_TEST_CPU_LOG set (libs/testing/bench/test-cost.js), each test file's CPU is logged there.
  testEnvironment: process.env.PLATFORM_TEST_CPU_LOG ? "<rootDir>/libs/testing/src/cpu-environment.js" : "node",
  roots: ["<rootDir>/libs", "<rootDir>/projects", "<rootDir>/policies", "<rootDir>/tools"],
  testMatch: ["**/*.test.ts"],
  // `*.integration.test.ts` need programs from outside npm (a real registry, htpasswd, jq, …) or the network, or run
  // the whole workspace end to end (about 140 CPU-s together, two fifths of the README's budget): `npm run
  // test:integration` runs them
  // (jest.integration.config.js, in CI too), so `npm test` needs only Node and npm and stays within its budget.
  testPathIgnorePatterns: ["/node_modules/", "/fixtures/", "\\.integration\\.test\\.ts$"],
  // Build output (e.g. `nx run fargate-guard:bundle` → dist/) repeats package names jest would see twice.
  modulePathIgnorePatterns: ["<rootDir>/[^/]+/[^/]+/dist/"],
  transform: {
    "/node_modules/@actions/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // GitHub's workflow parser and expression evaluator (tools/workflows' tests) ship ES modules for bundlers only:
  // an "import"-only exports map and JSON imported without an import attribute, which Node itself refuses. swc
  // turns them into CommonJS like our own files; nothing else in node_modules is transformed.
  moduleNameMapper: {
    "^@actions/(workflow-parser|expressions)$": "<rootDir>/node_modules/@actions/$1/dist/index.js",
    "^@actions/(workflow-parser|expressions)/(.+)$": "<rootDir>/node_modules/@actions/$1/dist/$2.js",
  },
  transformIgnorePatterns: ["/node_modules/(?!@actions/(workflow-parser|expressions)/)"],
  moduleFileExtensions: ["ts", "js", "json"],
  // An upper bound for a test or hook that hangs, not a speed check: tests wait for the events they need, and
  // a busy machine takes many times an idle one's time.
  testTimeout: 600_000,
  // jest's default is one worker fewer than the cores: one worker on a 2-core machine, so the suites ran one after
  // another. Many suites spend their time in child processes (plans, packs, a registry), so one worker
  // per core keeps both cores busy.
  maxWorkers: "100%",
  // The Pulumi SDK keeps its runtime state on the global object and its promises settle after a test
  // file ends; jest's global cleanup would warn about every such access.
  testEnvironmentOptions: { globalsCleanup: "off" },
  // TypeScript, which the Pulumi SDK loads at start, waits for its first use (the file says why).
  setupFiles: ["<rootDir>/libs/testing/src/jest-defer-closure-modules.js"],
  // One temporary folder per run, removed at its end (libs/testing/src/jest-global-setup.js says why).
  globalSetup: "<rootDir>/libs/testing/src/jest-global-setup.js",
  globalTeardown: "<rootDir>/libs/testing/src/jest-global-teardown.js",
};

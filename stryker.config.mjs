// Mutation testing of the gate's core (`npm run test:mutation`; the README's Development section says how to run it
// on one file). Not part of `npm test`: each mutant reruns the tests that cover it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The core: what decides whether a deploy passes the gate or where the registry's credentials may go.
  mutate: [
    "policies/fargate-guard/src/**/*.ts",
    "libs/iam/src/**/*.ts",
    "libs/image-ref/src/**/*.ts",
    "libs/registry-client/src/{realm,credentials,challenge}.ts",
    "tools/offline-plan/src/report/verdict.ts",
  ],
  testRunner: "jest",
  // Only the test files jest finds related to the mutated file run, and of those only the tests that reached
  // the mutant in the first, instrumented run.
  jest: { configFile: "jest.mutation.config.js", enableFindRelatedTests: true },
  coverageAnalysis: "perTest",
  // Mutants that do not type-check are dropped, not counted: the tests run through swc, which does not type-check.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutation.json",
  // In place, not in a copy: the workspace's packages reach each other through node_modules/@platform/* links to
  // the real folders, so in a copy a policy test would import the unmutated libs/iam. Stryker writes only the files
  // it mutates (no `// @ts-nocheck` elsewhere: swc does not type-check) and restores them when it ends, also on Ctrl-C.
  inPlace: true,
  disableTypeChecks: false,
  // The core holds at least 90% of its mutants: a run below that fails (CI's too, on the files a change touches).
  thresholds: { high: 90, low: 80, break: 90 },
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // `--incremental` reuses the results of the mutants and tests that did not change since this file was written.
  incrementalFile: "reports/stryker-incremental.json",
  // A mutant's run may take timeoutFactor × its tests' time in the dry run, plus the dry run's load time (every
  // related test file), plus this, before it counts as timed out, which Stryker counts as killed
  // (stryker-mutator.io/docs/General/faq). A mutant that loops is caught sooner and whatever the load: the
  // instrumented code counts its hits and stops at 100 times the dry run's (the hit limit, Stryker's
  // mutant-test-planner.js). So this is generous: at 10 s, a static mutant (every related file, about a minute)
  // on two cores shared with other work timed out without a loop, a slow run counted as a kill.
  timeoutMS: 60_000,
  // One test runner per core: these machines have two, and each runner is one jest process running in band.
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};

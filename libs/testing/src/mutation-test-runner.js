// jest's test runner for `npm run test:mutation` (jest.mutation.config.js): jest's own, which stops a mutant's run
// at the first test file that fails. Stryker stops at the first failing test by default (its `disableBail`
// option), but its jest runner turns jest's `bail` off, because jest's bail ends the whole process, and jest has
// no bail that ends only the run (@stryker-mutator/jest-runner, dist/src/jest-override-options.js). So each mutant
// ran every related test file to the end: a static mutant (one in code run when a module loads, such as a constant) runs
// every file that imports its module, which for libs/iam or libs/image-ref is most of the policy tests.
// The verdict stays the same: a mutant whose test failed is killed however many files follow, and a mutant that
// survives still runs every file, since none failed.
"use strict";
const TestRunner = require("jest-runner").default;

class MutationTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    // Only against a mutant (Stryker names it in this variable, @stryker-mutator/api's INSTRUMENTER_CONSTANTS):
    // the dry run must run every test to learn which tests reach which mutant.
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return super.runTests(tests, watcher, options);
    let failed = false;
    const unsubscribe = [
      this.on("test-file-success", ([, result]) => {
        if (result.numFailingTests > 0 || result.testExecError !== undefined) failed = true;
      }),
      // A file that failed to load: its verdict (an error, not a kill) is already decided by it.
      this.on("test-file-failure", () => {
        failed = true;
      }),
    ];
    // jest's in-band run asks the watcher before each file and cancels the rest once it is interrupted. It asks
    // only after the last file's results were handed to jest, so they count; jest then ignores the cancelled files.
    const stopAfterFailure = {
      isInterrupted: () => {
        if (failed && !watcher.isInterrupted()) void watcher.setState({ interrupted: true });
        return watcher.isInterrupted();
      },
      isWatchMode: () => watcher.isWatchMode(),
      on: (...args) => watcher.on(...args),
      setState: (state) => watcher.setState(state),
    };
    try {
      return await super.runTests(tests, stopAfterFailure, options);
    } finally {
      for (const off of unsubscribe) off();
    }
  }
}

module.exports = MutationTestRunner;

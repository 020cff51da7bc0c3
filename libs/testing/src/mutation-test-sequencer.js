// jest's test sequencer for `npm run test:mutation` (jest.mutation.config.js). Stryker's jest runner runs each
// mutant as `jest --findRelatedTests <mutated file> --testNamePattern <the tests that reached it>`
// (@stryker-mutator/jest-runner, dist/src/jest-test-adapters/jest-test-adapter.js and jest-test-runner.js's
// mutantRun): jest then loads every test file that imports the mutated file, even one none of whose tests match.
// Every policy test imports the whole pack, so a mutant in any rule loaded all 44 of them (31 s on two busy cores,
// with no test run) and Stryker counted a mere slow load as a timeout, that is, as killed.
// This sequencer keeps only the files that hold a test the pattern names. Which file holds which test comes from
// Stryker's first run (the dry run: no pattern, every related file), recorded by `cacheResults`, the hook jest calls
// with every run's results (@jest/core's runJest). A dropped file would have run no test: jest-circus runs no hook
// of a block with no test to run, so the verdict on each mutant is the same, only sooner.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** Where the dry run's test names are kept: Stryker's temporary folder, removed when its run ends. */
const RECORD = path.join(".stryker-tmp", "tests-by-file.json");

// jest asks a sequencer only for `sort` and `cacheResults` unless --shard or --onlyFailures is given, which Stryker
// never gives (@jest/core's runJest). It does not extend jest's own, whose only gain, the slowest files first,
// is for parallel workers: Stryker runs jest in band.
class MutationTestSequencer {
  constructor(options) {
    this.globalConfig = options.globalConfig;
    // Stryker's jest runner names its global namespace in every config it runs: outside Stryker, this sequencer
    // neither records nor filters, so `-t` by hand runs what it always ran.
    this.underStryker = options.contexts.some((context) => context.config.globals?.__strykerGlobalNamespace__);
    this.record = path.join(options.globalConfig.rootDir, RECORD);
  }

  sort(tests) {
    const sorted = [...tests].sort((a, b) => a.path.localeCompare(b.path));
    if (this.underStryker && process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) {
      // The tests most likely to kill the mutant first, since the run stops at the first file that fails
      // (mutation-test-runner.js): those named after the mutated file, then the rest of its package's.
      const rank = closenessTo(this.globalConfig.nonFlagArgs ?? []);
      sorted.sort((a, b) => rank(a.path) - rank(b.path));
    }
    const pattern = this.globalConfig.testNamePattern;
    if (!this.underStryker || !pattern) return sorted;
    const namesByFile = readRecord(this.record);
    // The same test as jest-circus's: the test's full name against the pattern, case-insensitively.
    const matches = new RegExp(pattern, "i");
    // A file the record does not know (none: the dry run saw every file a mutant run can find) is kept.
    return sorted.filter((test) => namesByFile[test.path]?.some((name) => matches.test(name)) ?? true);
  }

  cacheResults(tests, results) {
    // Only the dry run, which no mutant changes: a mutant run (Stryker names its mutant in this variable,
    // @stryker-mutator/api's INSTRUMENTER_CONSTANTS) may break a file's load and so hide its tests.
    if (!this.underStryker || process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) return;
    // The record of this Stryker run alone: one an interrupted run left behind in its folder is replaced.
    const namesByFile = Object.fromEntries(
      results.testResults.map((file) => [file.testFilePath, file.testResults.map((test) => test.fullName)]),
    );
    // Written whole, then renamed: another of Stryker's runners may read it meanwhile.
    fs.mkdirSync(path.dirname(this.record), { recursive: true });
    fs.writeFileSync(`${this.record}.${process.pid}`, JSON.stringify(namesByFile));
    fs.renameSync(`${this.record}.${process.pid}`, this.record);
  }
}

/**
 * 0 for a test file named after a mutated file (`arn.ts`: `arn.test.ts`, `arn-shape.test.ts`), 1 for another test of
 * its package (the folder above its `src`), 2 for the rest. Stryker names the mutated file as jest's only argument.
 */
function closenessTo(mutatedFiles) {
  const sources = mutatedFiles.map((file) => ({
    stem: path.basename(file).replace(/\.[cm]?[jt]s$/, ""),
    packageDir: file.includes(`${path.sep}src${path.sep}`)
      ? file.slice(0, file.lastIndexOf(`${path.sep}src${path.sep}`) + 1)
      : undefined,
  }));
  return (testPath) => {
    const name = path.basename(testPath);
    if (sources.some(({ stem }) => name.startsWith(`${stem}.`) || name.startsWith(`${stem}-`))) return 0;
    if (sources.some(({ packageDir }) => packageDir !== undefined && testPath.startsWith(packageDir))) return 1;
    return 2;
  };
}

function readRecord(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw error;
  }
}

module.exports = MutationTestSequencer;

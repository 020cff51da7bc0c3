import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module jest loads by path
const MutationTestSequencer = require("../src/mutation-test-sequencer.js") as new (options: unknown) => {
  sort(tests: unknown[]): { path: string }[];
  cacheResults(tests: unknown[], results: unknown): void;
};

// Stryker's jest runner turns the tests that reached a mutant into jest's --testNamePattern: each full name,
// escaped, in a group, joined with `|` (@stryker-mutator/jest-runner, dist/src/jest-test-runner.js, mutantRun).
const strykerPattern = (...names: string[]) =>
  names.map((name) => `(${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`).join("|");

const names: Record<string, string[]> = {
  "/ws/a.test.ts": ["rule a refuses `x` (with a reason)", "rule a passes y"],
  "/ws/b.test.ts": ["rule b refuses z"],
};

describe("the mutation runs' test sequencer", () => {
  let rootDir: string;
  beforeEach(() => {
    rootDir = fs.mkdtempSync(path.join(os.tmpdir(), "sequencer-"));
    delete process.env.__STRYKER_ACTIVE_MUTANT__;
  });
  afterEach(() => delete process.env.__STRYKER_ACTIVE_MUTANT__);

  const context = (underStryker: boolean) => ({
    config: { globals: underStryker ? { __strykerGlobalNamespace__: "__stryker__" } : {} },
  });
  /** A jest run: the sequencer jest makes for it, the test files it found, and their results at its end. */
  const run = (options: { pattern?: string; underStryker?: boolean; files?: string[]; mutant?: string }) => {
    if (options.mutant === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
    else process.env.__STRYKER_ACTIVE_MUTANT__ = options.mutant;
    const ctx = context(options.underStryker ?? true);
    const sequencer = new MutationTestSequencer({
      contexts: [ctx],
      globalConfig: { rootDir, testNamePattern: options.pattern },
    });
    const found = (options.files ?? ["/ws/a.test.ts", "/ws/b.test.ts"]).map((file) => ({ path: file, context: ctx }));
    const kept = sequencer.sort(found);
    const testResults = kept.map((test) => ({
      testFilePath: test.path,
      testResults: (names[test.path] ?? []).map((fullName) => ({ fullName })),
    }));
    sequencer.cacheResults(kept, { testResults });
    return kept.map((test) => test.path).sort();
  };

  it("loads for a mutant only the files that hold a test Stryker names, once the dry run saw them", () => {
    expect(run({})).toEqual(["/ws/a.test.ts", "/ws/b.test.ts"]);
    expect(run({ mutant: "7", pattern: strykerPattern("rule b refuses z") })).toEqual(["/ws/b.test.ts"]);
    expect(run({ mutant: "8", pattern: strykerPattern("rule a refuses `x` (with a reason)") })).toEqual([
      "/ws/a.test.ts",
    ]);
    expect(run({ mutant: "9", pattern: strykerPattern("rule a passes y", "rule b refuses z") })).toEqual([
      "/ws/a.test.ts",
      "/ws/b.test.ts",
    ]);
  });

  it("keeps a file the dry run did not see, and every file without a pattern", () => {
    run({ files: ["/ws/a.test.ts"] });
    expect(run({ mutant: "1", pattern: strykerPattern("rule b refuses z") })).toEqual(["/ws/b.test.ts"]);
    expect(run({ mutant: "2" })).toEqual(["/ws/a.test.ts", "/ws/b.test.ts"]);
  });

  it("records only the dry run: a mutant that breaks a file's load does not hide that file's tests", () => {
    run({});
    // A static mutant runs every related file without a pattern; here b's file failed to load and ran no test.
    delete names["/ws/b.test.ts"];
    try {
      run({ mutant: "3" });
    } finally {
      names["/ws/b.test.ts"] = ["rule b refuses z"];
    }
    expect(run({ mutant: "4", pattern: strykerPattern("rule b refuses z") })).toEqual(["/ws/b.test.ts"]);
  });

  it("puts first, for a mutant, the tests named after the mutated file, then the rest of its package's", () => {
    const sort = (mutant: string | undefined) => {
      if (mutant === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
      else process.env.__STRYKER_ACTIVE_MUTANT__ = mutant;
      const sequencer = new MutationTestSequencer({
        contexts: [context(true)],
        globalConfig: { rootDir, nonFlagArgs: ["/ws/libs/iam/src/arn.ts"] },
      });
      const files = [
        "/ws/libs/iam/test/access.test.ts",
        "/ws/libs/iam/test/arn.test.ts",
        "/ws/libs/image-ref/test/b.test.ts",
      ];
      return sequencer
        .sort([...files, "/ws/a/test/arn-shape.test.ts"].map((file) => ({ path: file })))
        .map((t) => t.path);
    };
    expect(sort("5")).toEqual([
      "/ws/a/test/arn-shape.test.ts",
      "/ws/libs/iam/test/arn.test.ts",
      "/ws/libs/iam/test/access.test.ts",
      "/ws/libs/image-ref/test/b.test.ts",
    ]);
    // The dry run, which runs every file anyway, keeps jest's order by path.
    expect(sort(undefined)).toEqual([
      "/ws/a/test/arn-shape.test.ts",
      "/ws/libs/iam/test/access.test.ts",
      "/ws/libs/iam/test/arn.test.ts",
      "/ws/libs/image-ref/test/b.test.ts",
    ]);
  });

  it("neither records nor filters outside Stryker, so `-t` by hand runs what it always ran", () => {
    expect(run({ underStryker: false })).toEqual(["/ws/a.test.ts", "/ws/b.test.ts"]);
    expect(fs.existsSync(path.join(rootDir, ".stryker-tmp"))).toBe(false);
    run({});
    expect(run({ underStryker: false, pattern: "rule b" })).toEqual(["/ws/a.test.ts", "/ws/b.test.ts"]);
  });
});

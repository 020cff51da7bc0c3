type Listener = (payload: unknown[]) => unknown;
type Outcome = { numFailingTests: number; testExecError?: unknown } | "load-error";
const outcomes: Record<string, Outcome> = {};
const ran: string[] = [];

// jest-runner's in-band run (build/index.js, TestRunner's #createInBandTestRun): before each file it asks the
// watcher, and an interrupted watcher turns each remaining file into a CancelRun failure; otherwise it runs the file
// and hands its result to jest's listeners, waiting for them, before the next file.
jest.mock("jest-runner", () => ({
  default: class {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return () =>
        this.listeners.set(
          name,
          this.listeners.get(name)!.filter((l) => l !== listener),
        );
    }
    async emit(name: string, payload: unknown[]) {
      await Promise.all((this.listeners.get(name) ?? []).map((listener) => listener(payload)));
    }
    async runTests(tests: { path: string }[], watcher: { isInterrupted(): boolean }) {
      for (const test of tests) {
        if (watcher.isInterrupted()) {
          await this.emit("test-file-failure", [test, new Error("CancelRun")]);
          continue;
        }
        ran.push(test.path);
        const outcome = outcomes[test.path]!;
        if (outcome === "load-error") await this.emit("test-file-failure", [test, new Error("cannot load")]);
        else await this.emit("test-file-success", [test, outcome]);
      }
    }
  },
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module jest loads by path
const MutationTestRunner = require("../src/mutation-test-runner.js") as new (...args: unknown[]) => {
  on(name: string, listener: Listener): () => void;
  runTests(tests: { path: string }[], watcher: unknown, options: unknown): Promise<void>;
};

/** One jest run of the files in order, each passing or failing; what ran, and what jest counted. */
async function run(files: Record<string, Outcome>, mutant: string | undefined) {
  if (mutant === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
  else process.env.__STRYKER_ACTIVE_MUTANT__ = mutant;
  Object.assign(outcomes, files);
  ran.length = 0;
  const state = { interrupted: false };
  const watcher = {
    isInterrupted: () => state.interrupted,
    isWatchMode: () => false,
    on: () => () => undefined,
    setState: (next: Partial<typeof state>) => Promise.resolve(void Object.assign(state, next)),
  };
  const runner = new MutationTestRunner({}, {});
  // jest's own listeners (@jest/core's TestScheduler): a result or failure after an interruption is not counted.
  const counted: string[] = [];
  const count: Listener = ([test]) => {
    if (!watcher.isInterrupted()) counted.push((test as { path: string }).path);
  };
  runner.on("test-file-success", count);
  runner.on("test-file-failure", count);
  await runner.runTests(
    Object.keys(files).map((path) => ({ path })),
    watcher,
    { serial: true },
  );
  return { ran: [...ran], counted };
}

const pass = { numFailingTests: 0 };
const fail = { numFailingTests: 1 };

describe("the mutation runs' test runner", () => {
  afterEach(() => delete process.env.__STRYKER_ACTIVE_MUTANT__);

  it("stops a mutant's run after the first file with a failing test, and that file's failure counts", async () => {
    const files = { "a.test.ts": pass, "b.test.ts": fail, "c.test.ts": fail, "d.test.ts": pass };
    expect(await run(files, "7")).toEqual({ ran: ["a.test.ts", "b.test.ts"], counted: ["a.test.ts", "b.test.ts"] });
  });

  it("stops after a file that failed to load or to run, whose error already decides the mutant", async () => {
    expect((await run({ "a.test.ts": "load-error", "b.test.ts": pass }, "8")).ran).toEqual(["a.test.ts"]);
    const execError = { numFailingTests: 0, testExecError: { message: "boom" } };
    expect((await run({ "a.test.ts": execError, "b.test.ts": pass }, "9")).ran).toEqual(["a.test.ts"]);
  });

  it("runs every file for a mutant no test kills", async () => {
    const files = { "a.test.ts": pass, "b.test.ts": pass, "c.test.ts": pass };
    expect(await run(files, "10")).toEqual({ ran: Object.keys(files), counted: Object.keys(files) });
  });

  it("runs every file in the dry run, which must see every test, failing or not", async () => {
    const files = { "a.test.ts": fail, "b.test.ts": pass };
    expect(await run(files, undefined)).toEqual({ ran: Object.keys(files), counted: Object.keys(files) });
  });
});

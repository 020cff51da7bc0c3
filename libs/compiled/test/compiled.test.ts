// An entry's TypeScript compiled once per change of its sources (src/compiled.js), as the pack's start uses it. Here on a
// pack-shaped folder of its own, so each case can change a source and see the next start run that change.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { OUT_DIR, runCompiled } from "../src/compiled";

const dir = fs.mkdtempSync(path.join(tmpdir(), "compiled-pack-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
const valueOf = async (loaded: unknown) => ((await loaded) as { value: number }).value;
const builds = () => fs.readdirSync(path.join(dir, OUT_DIR)).filter((name) => name.endsWith(".js"));

beforeAll(() => {
  write("index.ts", 'import { answer } from "./lib/answer";\nexport const value: number = answer;\n');
  write("lib/answer.js", "exports.answer = 1;\n");
});

it("compiles on the first start, and a start with unchanged sources loads that build without compiling", async () => {
  const first = runCompiled(dir);
  expect(first).toBeInstanceOf(Promise);
  expect(await valueOf(first)).toBe(1);
  const again = runCompiled(dir);
  expect(again).not.toBeInstanceOf(Promise);
  expect(await valueOf(again)).toBe(1);
  expect(builds()).toHaveLength(1);
});

it("compiles again when a source it imports changed, and keeps only the new build", async () => {
  write("lib/answer.js", "exports.answer = 2;\n");
  expect(await valueOf(runCompiled(dir))).toBe(2);
  expect(builds()).toHaveLength(1);
});

it("compiles again when a file added beside a source changes what an import resolves to", async () => {
  write("lib/answer.ts", "export const answer = 3;\n");
  expect(await valueOf(runCompiled(dir))).toBe(3);
});

it("compiles again when the build it names is gone", async () => {
  for (const name of builds()) fs.rmSync(path.join(dir, OUT_DIR, name));
  // A new process, as a pack start is: this one's module registry still holds the build it loaded.
  let loaded: unknown;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a copy of its own, as a new process has
    loaded = (require("../src/compiled") as typeof import("../src/compiled")).runCompiled(dir);
  });
  expect(loaded).toBeInstanceOf(Promise);
  expect(await valueOf(loaded)).toBe(3);
  expect(builds()).toHaveLength(1);
});

it("fails a start on a source that does not compile, naming the file and line, and recovers once it is fixed", async () => {
  write("lib/answer.ts", "export const answer = ;\n");
  await expect(runCompiled(dir)).rejects.toThrow(/lib\/answer\.ts:1:\d+: ERROR: Unexpected ";"/);
  write("lib/answer.ts", "export const answer = 4;\n");
  expect(await valueOf(runCompiled(dir))).toBe(4);
});

it("runs the pack from memory for a user who may not write the pack's folder, leaving the folder as it was", async () => {
  // Root may write anywhere, so this start runs as `nobody`, in a copy of the folder it can read but not write.
  const readOnly = fs.mkdtempSync(path.join(tmpdir(), "compiled-pack-read-only-"));
  fs.cpSync(path.join(dir, "index.ts"), path.join(readOnly, "index.ts"));
  fs.cpSync(path.join(dir, "lib"), path.join(readOnly, "lib"), { recursive: true });
  fs.chmodSync(readOnly, 0o555);
  fs.chmodSync(path.join(readOnly, "lib"), 0o555);
  const script = `require(${JSON.stringify(require.resolve("../src/compiled"))}).runCompiled(process.argv[1])
    .then((pack) => console.log(pack.value));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script, readOnly], { uid: 65534, gid: 65534 });
  expect(stdout.trim()).toBe("4");
  expect(fs.readdirSync(readOnly).sort()).toEqual(["index.ts", "lib"]);
  fs.chmodSync(readOnly, 0o755);
  fs.rmSync(readOnly, { recursive: true, force: true });
});

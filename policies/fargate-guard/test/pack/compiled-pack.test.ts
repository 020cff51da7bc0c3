// The pack's entry loads its TypeScript compiled once per change of the sources (compiled-pack.js). Here on a
// pack-shaped folder of its own, so each case can change a source and see the next start run that change.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { OUT_DIR, runCompiled } from "../../compiled-pack";

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
  expect(await valueOf(runCompiled(dir))).toBe(3);
});

it("fails a start on a source that does not compile, naming the file and line, and recovers once it is fixed", async () => {
  write("lib/answer.ts", "export const answer = ;\n");
  await expect(runCompiled(dir)).rejects.toThrow(/lib\/answer\.ts:1:\d+: ERROR: Unexpected ";"/);
  write("lib/answer.ts", "export const answer = 4;\n");
  expect(await valueOf(runCompiled(dir))).toBe(4);
});

// The entry a program runs from, found as the language host finds it (@pulumi/pulumi cmd/run/run.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { programEntry } from "../../src/entry-point";

const root = mkdtempSync(path.join(tmpdir(), "entry-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project folder with these files (package.json given as an object) and an empty `src/main.ts`. */
function project(name: string, manifest?: Record<string, unknown>): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(path.join(dir, "src", "main.ts"), "");
  if (manifest) writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
  return dir;
}

it.each([
  ["Pulumi.yaml `main` first", { main: "other.ts" }, "src/main.ts", "src/main.ts"],
  ["package.json `main`", { main: "src/main.ts" }, undefined, "src/main.ts"],
  ["`exports` as a string over `main`", { exports: "./src/main.ts", main: "index.ts" }, undefined, "src/main.ts"],
  ["`exports['.'].import`", { exports: { ".": { import: "./src/main.ts" } } }, undefined, "src/main.ts"],
  ["the folder when package.json's entry does not exist", { main: "dist/index.js" }, undefined, "."],
  ["the folder when package.json names none", {}, undefined, "."],
])("takes %s", (name, manifest, pulumiMain, expected) => {
  const dir = project(name.replace(/\W+/g, "-"), manifest);
  expect(path.relative(dir, programEntry(dir, pulumiMain)) || ".").toBe(expected);
});

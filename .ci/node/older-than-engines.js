// Exit 0 when the Node.js running this is older than the workspace's `engines.node` (">=N.M.P"), 1 when it is
// not. It runs before `npm ci`, so without semver: a range of another form is an error (exit 2) that says so.
"use strict";
const path = require("node:path");

const range = require(path.join(__dirname, "..", "..", "package.json")).engines.node;
const minimum = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range);
if (!minimum) {
  process.stderr.write(
    `.ci/node/older-than-engines.js: package.json engines.node is "${range}"; it reads only ">=N.M.P". ` +
      "Fix: write engines.node in that form, or teach this script the new one.\n",
  );
  process.exit(2);
}
const want = minimum.slice(1).map((part) => Number(part ?? 0));
const have = process.versions.node.split(".").map(Number);
const difference = want.map((part, i) => have[i] - part).find((d) => d !== 0) ?? 0;
process.exit(difference < 0 ? 0 : 1);

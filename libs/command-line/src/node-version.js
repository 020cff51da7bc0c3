// The one check of the running Node.js, made before anything else loads, by `npm start` (the offline plan's
// launcher) and `npm test` (jest's globalSetup): on an older Node.js the Pulumi SDK fails later with errors
// that do not say why (it declares node >= 22). The range is the workspace's `engines.node`, its one home;
// semver evaluates it as npm does. Plain CommonJS, so it runs before tsx is registered.
"use strict";
const path = require("node:path");

const WORKSPACE_ROOT = path.resolve(__dirname, "..", "..", "..");

/** How to get a Node.js in the range (README "Requirements"). */
const HOW_TO_GET_IT =
  "Fix: run it through npm (`npm start`, `npm test`, `npx …`): on Linux x64, `npm ci` installs the workspace's " +
  "Node.js from the npm registry as node_modules/.bin/node, which npm puts first on PATH (in a shell of your own: " +
  '`export PATH="$PWD/node_modules/.bin:$PATH"`). Elsewhere, switch to the Node.js named in .nvmrc (with nvm: ' +
  "`nvm install`), then run again.";

/** An error message when `version` is outside the workspace's `engines.node`, else undefined. */
function nodeVersionProblem(version, workspaceRoot = WORKSPACE_ROOT) {
  const semver = require("semver");
  const manifest = require(path.join(workspaceRoot, "package.json"));
  const range = manifest.engines && manifest.engines.node;
  if (!range || semver.satisfies(version, range)) return undefined;
  return `error: Node.js ${version} is not supported here: package.json \`engines.node\` is "${range}". ${HOW_TO_GET_IT}`;
}

/** Ends the process with the message (exit code 2) when this Node.js is outside `engines.node`. */
function exitOnUnsupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (!problem) return;
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

module.exports = { nodeVersionProblem, exitOnUnsupportedNode };

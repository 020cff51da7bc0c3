// Checked before anything else loads: on an unsupported Node.js the SDK fails later with errors that do
// not say why (the pinned @pulumi/pulumi 3.248 supports Node 20; 3.249+ need 22). The range is the
// workspace's `engines.node`, its one home; semver evaluates it as npm does.
"use strict";
const path = require("node:path");

/** An error message when `version` is outside the workspace's `engines.node`, else undefined. */
function nodeVersionProblem(version, workspaceRoot) {
  const semver = require("semver");
  const manifest = require(path.join(workspaceRoot, "package.json"));
  const range = manifest.engines && manifest.engines.node;
  if (!range || semver.satisfies(version, range)) return undefined;
  return (
    `error: Node.js ${version} is not supported here: package.json \`engines.node\` is "${range}". ` +
    "Fix: switch to a Node.js release in that range (e.g. with nvm: `nvm install 22`), then run again."
  );
}

module.exports = { nodeVersionProblem };

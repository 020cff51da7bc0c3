// globalSetup of `npm run test:integration`: the programs its tests run, checked before any test starts, so
// a missing one fails the run with one message that says how to install it, instead of a skip or a failure
// per test. Then the same per-run temporary folder as `npm test`.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const setupRunDir = require("./jest-global-setup");

// Program → the Debian package that provides it (`.ci/run` installs them).
const REQUIRED = {
  "/usr/bin/docker-registry": "docker-registry",
  htpasswd: "apache2-utils",
  jq: "jq",
  curl: "curl",
  git: "git",
  openssl: "openssl",
};

const found = (program) =>
  program.startsWith("/") ? existsSync(program) : spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;

module.exports = function setup() {
  const missing = Object.keys(REQUIRED).filter((program) => !found(program));
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((program) => REQUIRED[program]))].join(" ");
    throw new Error(
      `The integration tests need ${missing.join(", ")}, which this machine lacks. ` +
        `Fix: apt-get install -y ${packages} (.ci/run does this), then run npm run test:integration again.`,
    );
  }
  setupRunDir();
};
module.exports.REQUIRED = REQUIRED;

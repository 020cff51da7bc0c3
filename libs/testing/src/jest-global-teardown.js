// jest's globalTeardown: removes the run's temporary folder (see jest-global-setup.js).
"use strict";
const fs = require("node:fs");
const { RUN_DIR_ENV } = require("./jest-global-setup");

module.exports = function teardown() {
  const runDir = process.env[RUN_DIR_ENV];
  if (runDir !== undefined) fs.rmSync(runDir, { recursive: true, force: true });
};

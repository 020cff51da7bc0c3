// jest's globalSetup (jest-global-teardown.js removes what it makes): one temporary folder per test run.
// Tests make scratch workspaces, clones, fake CLIs and registries with mkdtemp, and their child
// processes (plans, packs, workflow steps) make their own; one run left about 80 folders in /tmp.
// TMPDIR is what os.tmpdir() reads, in jest's workers and in every process a test starts, so all of
// them land in the run's folder without each test cleaning up after itself.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { exitOnUnsupportedNode } = require("@platform/command-line/node-version");

const RUN_DIR_ENV = "PLATFORM_TEST_RUN_TMPDIR";

module.exports = async function setup() {
  // The same refusal as `npm start`'s, before any test loads the SDK; then which Node.js runs the tests, on
  // stderr (stdout may be jest's --json), so a CI log shows it.
  exitOnUnsupportedNode();
  process.stderr.write(`Node.js ${process.version} (${process.execPath})\n`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-tests-"));
  // /tmp's own mode: a test that runs a process as another user (`nobody`) needs to use it too.
  fs.chmodSync(runDir, 0o1777);
  process.env[RUN_DIR_ENV] = runDir;
  process.env.TMPDIR = runDir;
  // The plans, packs and nx runs the tests start load the same SDK modules again and again: Node.js keeps
  // their compiled code for the run here (a cache keyed by each file's content, so it never changes a result).
  process.env.NODE_COMPILE_CACHE = path.join(runDir, "node-compile-cache");
  await warmPackBuild();
};

/**
 * The CLI's start of the pack compiles it when its sources changed since the last build (on a fresh clone: no
 * build), and the first tests start several packs at once, each of which would compile it. One start here, as the
 * CLI starts it, leaves the build every later start of this workspace's pack loads. Whatever the start does
 * (prints its port, fails, hangs), the tests that start the pack meet it again and report it.
 */
function warmPackBuild() {
  const packDir = path.resolve(__dirname, "..", "..", "..", "policies", "fargate-guard");
  const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  const pack = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], {
    cwd: packDir,
    env: { ...process.env, PULUMI_DRY_RUN: "true", PULUMI_NODEJS_DRY_RUN: "true" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return new Promise((resolve) => {
    // An upper bound for a start that hangs, generous for a busy machine; the tests wait for the port themselves.
    const timer = setTimeout(() => pack.kill(), 600_000);
    pack.stdout.once("data", () => pack.kill());
    pack.once("close", () => resolve(clearTimeout(timer)));
    pack.once("error", () => resolve(clearTimeout(timer)));
  });
}
module.exports.RUN_DIR_ENV = RUN_DIR_ENV;

// Preloaded (NODE_OPTIONS=--require) into a policy pack process started with `start: "tsx"`.
// @pulumi/pulumi's run-policy-pack registers TypeScript support itself: ts-node with type-checking,
// which is what the CLI runs and the default start. This start uses tsx, with no type-checking on
// this path (`npm run typecheck` does it): TS_NODE_IGNORE (set by the client) makes ts-node hand every file
// to the previous `.ts` handler, which is tsx's. The SDKs load first, natively, because through tsx they
// load twice as slowly.
"use strict";
// NODE_OPTIONS preloads run in every process and thread that inherits them: in the pack's watching parent
// (cli-parent.js) and in worker threads too. Only the pack's main thread, run-policy-pack, needs the work.
const isPack = /[\\/]run-policy-pack[\\/]/.test(process.argv[1] ?? "");
if (isPack && require("node:worker_threads").isMainThread) preload();

function preload() {
  const path = require("node:path");
  const { createRequire } = require("node:module");
  const { preloadSdks } = require("./preload-dependencies");

  const packRequire = createRequire(path.join(process.cwd(), "package.json"));
  // A missing SDK: the pack then fails to start with Node's own "Cannot find module", which the caller shows.
  preloadSdks(packRequire, ["@pulumi/pulumi", "@pulumi/policy"]);
  require("tsx/cjs/api").register();
}

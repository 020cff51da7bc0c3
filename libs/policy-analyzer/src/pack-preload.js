// Preloaded (NODE_OPTIONS=--require) into a policy pack process. @pulumi/pulumi's run-policy-pack
// registers TypeScript support itself: the vendored ts-node 7 with type-checking, when no ts-node is
// installed. That is slow on a cold cache and needs no type errors anywhere in the pack's imports.
// The analyzer client runs packs with tsx instead, with no type-checking on this path (`npm run typecheck`
// does it): TS_NODE_IGNORE (set by the client) makes ts-node hand every file to the previous `.ts`
// handler, which is tsx's. The SDKs load first, natively, because through tsx they load twice as slowly.
"use strict";
// NODE_OPTIONS preloads run in worker threads too, and the parent watch below starts one: only the
// main thread does the work.
if (require("node:worker_threads").isMainThread) preload();

function preload() {
  const path = require("node:path");
  const { watchParent, PARENT_PIPE_ENV } = require("./watch-parent");
  const { preloadSdks } = require("./preload-dependencies");

  watchParent(Number(process.env[PARENT_PIPE_ENV]));
  const { createRequire } = require("node:module");

  const packRequire = createRequire(path.join(process.cwd(), "package.json"));
  // A missing SDK: the pack then fails to start with Node's own "Cannot find module", which the caller shows.
  preloadSdks(packRequire, ["@pulumi/pulumi", "@pulumi/policy"]);
  require("tsx/cjs/api").register();

  // A profile (`--cpu-prof`) is written only on a normal exit: let `stop`'s SIGTERM end the pack normally.
  if (process.execArgv.some((arg) => arg.startsWith("--cpu-prof"))) process.once("SIGTERM", () => process.exit(0));
}

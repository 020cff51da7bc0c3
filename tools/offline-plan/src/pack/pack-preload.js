// Preloaded (NODE_OPTIONS=--require) into a policy pack process. @pulumi/pulumi's run-policy-pack
// registers TypeScript support itself: the vendored ts-node 7 with type-checking, when no ts-node is
// installed. That is slow on a cold cache and needs no type errors anywhere in the pack's imports.
// The plan runs packs with tsx instead, with no type-checking on this path (`npm run typecheck`
// does it): TS_NODE_IGNORE (set by the plan) makes ts-node hand every file to the previous `.ts`
// handler, which is tsx's. The SDKs load first, natively, because through tsx they load twice as slowly.
"use strict";
// The plan holds the write end of this process's fd 3 and never writes to it. When the plan ends in
// any way (exit, Ctrl-C, SIGTERM, SIGKILL, out of memory) the kernel closes that end; the pack then
// exits too, so no pack process outlives its plan. `unref` keeps this watch from holding the pack open.
if (process.env.OFFLINE_PLAN_WATCH_PIPE === "3") {
  const pipe = new (require("node:net").Socket)({ fd: 3, readable: true, writable: false });
  pipe.on("data", () => {});
  pipe.on("end", () => process.exit(1));
  pipe.on("error", () => process.exit(1));
  pipe.unref();
}
const path = require("node:path");
const { createRequire } = require("node:module");

const packRequire = createRequire(path.join(process.cwd(), "package.json"));
for (const sdk of ["@pulumi/pulumi", "@pulumi/policy"]) {
  try {
    packRequire(sdk);
  } catch {
    // The pack then fails to start with Node's own "Cannot find module" message, which the plan shows.
  }
}
require("tsx/cjs/api").register();

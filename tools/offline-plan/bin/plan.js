#!/usr/bin/env node
// Launcher of the offline plan (`npm start`). tsx compiles the TypeScript sources on the fly and does
// not type-check them (`npm run typecheck` does). The gRPC and protobuf modules load first, natively,
// because through tsx's require hook they load about twice as slowly.
"use strict";
require("@platform/command-line/node-version").exitOnUnsupportedNode();
// `npm start | head` closes stdout early; that is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

require("@grpc/grpc-js");
require("@pulumi/pulumi/proto/analyzer_grpc_pb");
require("tsx/cjs/api").register();
require("@platform/command-line").installUncaughtErrorHandler("npm start");
require("../src/cli.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    // Children and gRPC channels are closed by now; do not let a stray handle keep the process alive.
    setTimeout(() => process.exit(code), 2000).unref();
  });

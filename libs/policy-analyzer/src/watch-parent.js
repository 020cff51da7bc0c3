// Ends this process (a program or a policy pack) as soon as the offline plan that started it is gone.
// The plan passes the read end of a pipe it never writes to; the kernel closes the write end whenever
// the plan ends, however it ends (exit, Ctrl-C, SIGTERM, SIGKILL, the OOM killer), and the pipe then
// reads end-of-file. A worker thread watches it, so it answers even while the main thread is busy
// loading the SDK or a program synchronously, which on a loaded machine takes seconds.
"use strict";
const { Worker } = require("node:worker_threads");

/** Watches `fd` (the plan's pipe); a no-op when the plan passed none, as when a test runs a child directly. */
function watchParent(fd) {
  if (!Number.isInteger(fd) || fd < 3) return;
  // The worker has its own event loop, so the pipe's end-of-file is seen while the main thread is busy,
  // and, unlike a blocking read, the worker stops cleanly when the process exits normally.
  const source = `
    const { Socket } = require("node:net");
    const pipe = new Socket({ fd: ${fd}, readable: true, writable: false });
    // No one is left to report to; a signal ends the process even while its main thread is busy.
    const end = () => process.kill(process.pid, "SIGKILL");
    pipe.on("data", () => {});
    pipe.on("end", end);
    pipe.on("error", end);
  `;
  new Worker(source, { eval: true }).unref();
}

module.exports = { watchParent, PARENT_PIPE_ENV: "OFFLINE_PLAN_PARENT_PIPE_FD" };

// Plays the Pulumi CLI's part as a policy pack's parent process:
//
//   node cli-parent.js <pipe fd> -- <command> <args…>
//
// runs <command> with this process's environment, working directory, stdout and stderr, exactly as the
// caller built them, so the pack sees the CLI's command line and environment and nothing of ours. What
// the CLI does as a parent it does here: it stops the pack when it stops (SIGTERM is passed on) and when
// the process that started it is gone, however that ended (the pipe at <pipe fd> reads end-of-file once
// the kernel closes its write end: exit, Ctrl-C, SIGKILL, the OOM killer). Watching from a separate
// process keeps the pack itself free of any preload, and this one's event loop is always idle.
"use strict";
const { spawn } = require("node:child_process");
const { Socket } = require("node:net");

const separator = process.argv.indexOf("--");
const fd = Number(process.argv[2]);
const [command, ...args] = process.argv.slice(separator + 1);
if (separator < 0 || !command) {
  process.stderr.write("usage: node cli-parent.js <pipe fd> -- <command> <args…>\n");
  process.exit(2);
}

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
child.on("error", (err) => {
  process.stderr.write(`could not start ${command}: ${err.message}\n`);
  process.exit(127);
});
// Exit as the pack exited, so the caller sees its exit code or signal.
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));

if (Number.isInteger(fd) && fd >= 3) {
  const pipe = new Socket({ fd, readable: true, writable: false });
  const orphaned = () => {
    child.kill("SIGKILL");
    process.exit(1);
  };
  pipe.on("data", () => {});
  pipe.on("end", orphaned);
  pipe.on("error", orphaned);
  // The pipe must not keep this process alive once the pack has exited.
  pipe.unref();
}

// `npm start`: the offline plan's command line. Exit code 0 when the plan passes, 1 when it fails
// (mandatory violation, program error, policy pack error), 2 on bad input.
import { describeError, OutputFileError, writeOutputFile, writeSafely } from "@platform/command-line";
import { redactTokens } from "@platform/config/secret-values";
import { parsePlanArgs, USAGE, UsageError } from "./args";
import { workspaceRoot } from "./discovery";
import { WRITTEN_BY_THE_PLAN } from "./input-paths";
import { commandJson, commandMarkdown, commandPassed, commandText } from "./report/command-report";
import { seconds } from "./report/verdict";
import { runCommand } from "./run/run-command";

// For the launcher (bin/plan.js), which loads this module bundled.
export { installUncaughtErrorHandler } from "@platform/command-line";

export async function main(argv: string[]): Promise<number> {
  // Everything printed, reports and progress alike, has token-looking text replaced.
  const stderr = (line: string) => writeSafely(process.stderr, `${line}\n`);
  // Exit through process.exit on Ctrl-C, so the policy packs are stopped by their exit handlers
  // (program processes stop on their own when their IPC channel closes).
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  stopWhenOrphaned();
  try {
    const args = parsePlanArgs(argv);
    if (args.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const run = await runCommand(args, workspaceRoot(), stderr);
    writeSafely(process.stdout, args.json ? commandJson(run) : commandText(run));
    if (args.markdown) {
      // The summary is checked like the rest of the output: it becomes a pull-request comment.
      writeOutputFile(args.markdown, `${redactTokens(commandMarkdown(run)).trimEnd()}\n\n${WRITTEN_BY_THE_PLAN}`);
      stderr(`Wrote the summary to ${args.markdown}`);
    }
    for (const { head } of run.environments) {
      const t = head.timings;
      stderr(
        `Timing${run.environments.length > 1 ? ` of ${head.env}` : ""}: ${seconds(t.totalMs)} in all; programs done at ${seconds(t.programsMs)}, ` +
          `policy packs ready at ${seconds(t.packsReadyMs)}, ${seconds(t.analysisMs)} waiting on analysis, ` +
          `policy evaluation added ${seconds(t.policyTailMs)} after the last program`,
      );
    }
    return commandPassed(run) ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError) {
      stderr(`error: ${err.message}\nRun \`npm start -- --help\` for the options.`);
      return 2;
    }
    if (err instanceof OutputFileError) {
      stderr(`error: --markdown: ${err.message}. Fix: name a regular file in a folder you may write.`);
      return 1;
    }
    stderr(`error: the plan could not run: ${describeError(err)}`);
    return 1;
  }
}

/**
 * `npm start` runs the plan under `sh -c`; a SIGTERM to npm ends npm and the shell but not the plan,
 * which would go on and print "passed" to no one. A changed parent PID means whoever started the plan
 * is gone: stop as if the SIGTERM had come here (its children follow through their pipes).
 */
function stopWhenOrphaned(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(143);
  }, 250).unref();
}

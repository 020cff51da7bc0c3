// What every command prints goes through here: token-looking text is replaced by a notice (see
// @platform/config/secret-values), and an error nobody expected is one line, never a stack trace or input.
import { redactTokens } from "@platform/config/secret-values";

/** Writes `text` to `stream` with every token-looking part replaced by "<looks like a token, not shown>". */
export function writeSafely(stream: NodeJS.WritableStream, text: string): void {
  stream.write(redactTokens(text));
}

/**
 * One line for an error: its name and message, tokens replaced. A parser's message is left out, because
 * parsers quote the input around the fault (JSON.parse does: a Docker config's `auth` value, a secret).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error) && !(typeof error === "object" && error !== null && "message" in error)) {
    return redactTokens(`${typeof error} thrown`);
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  const title = typeof name === "string" && name !== "" ? name : "Error";
  if (title === "SyntaxError") return "SyntaxError (its message is not shown: it may quote the input)";
  const text = typeof message === "string" ? message : "";
  return redactTokens(`${title}: ${text.split("\n")[0]}`);
}

/**
 * Installs the one handler of errors no `main` caught, for a command's launcher: it prints
 * "<command>: unexpected error: <name>: <message>", never the stack (which shows file paths and, through a
 * parser's message, input), and ends the process with exit code 1.
 */
export function installUncaughtErrorHandler(command: string, stderr: NodeJS.WritableStream = process.stderr): void {
  const report = (error: unknown) => {
    writeSafely(stderr, `${command}: unexpected error: ${describeError(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
}

// YAML files read without the Pulumi CLI: stack files and Pulumi.yaml. It imports only `yaml`, as the nx plugin
// loads it at start-up.
import { readFileSync } from "node:fs";
import { parseDocument, type YAMLError } from "yaml";

/** A stack or project file that is not valid YAML; the message names the file, line and column. */
export class StackFileSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(
      `${file}:${line}:${column}: not valid YAML: ${reason}. Fix: correct the YAML at line ${line}, column ${column} of ${file}.`,
    );
    this.name = "StackFileSyntaxError";
  }
}

/**
 * Parses a YAML file, reporting the first syntax error by file, line and column. Only the first line of
 * the parser's reason is kept: the rest quotes the offending line, which may hold a token. `shownAs` is how
 * the error names the file (e.g. workspace-relative), by default as given.
 */
export function parseYamlFile(file: string, shownAs = file): unknown {
  const doc = parseDocument(readFileSync(file, "utf8"), { prettyErrors: true });
  const error: YAMLError | undefined = doc.errors[0];
  if (error) {
    const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new StackFileSyntaxError(shownAs, error.linePos?.[0].line ?? 0, error.linePos?.[0].col ?? 0, reason);
  }
  return doc.toJS();
}

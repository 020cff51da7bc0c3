import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface PulumiCall {
  readonly argv: readonly string[];
  readonly cwd: string;
}

export interface FakePulumi {
  /** PATH with the fake `pulumi` first. */
  readonly path: string;
  readonly logFile: string;
  /** Every invocation so far, in the order they happened. */
  calls(): PulumiCall[];
}

/**
 * A `pulumi` executable that records its arguments and working directory, one JSON line per call, and succeeds.
 * No real Pulumi CLI exists on these machines; what is under test is the command line nx hands to it.
 */
export function fakePulumi(): FakePulumi {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const logFile = join(dir, "calls.jsonl");
  const script = join(dir, "pulumi");
  const record = `require("fs").appendFileSync(${JSON.stringify(logFile)}, JSON.stringify({ argv: process.argv.slice(1), cwd: process.cwd() }) + "\\n")`;
  writeFileSync(script, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -e '${record}' -- "$@"\n`);
  chmodSync(script, 0o755);
  return {
    path: `${dir}${delimiter}${process.env["PATH"] ?? ""}`,
    logFile,
    calls: () =>
      existsSync(logFile)
        ? readFileSync(logFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as PulumiCall)
        : [],
  };
}

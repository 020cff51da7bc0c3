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

/** What `pulumi stack ls --project <p> --json` lists, by project: `{ name, resourceCount }` as the CLI prints it. */
export type ListedStacks = Readonly<Record<string, ReadonlyArray<{ name: string; resourceCount?: number }>>>;

/**
 * A `pulumi` executable that records its arguments and working directory, one JSON line per call, and succeeds.
 * `stack ls --project <p> --json` prints `stacks[p]` (none by default); `stackLsFails` makes it fail as a CLI that
 * is not logged in does. No real Pulumi CLI exists on these machines; what is under test is the command line nx
 * hands to it.
 */
export function fakePulumi(stacks: ListedStacks = {}, { stackLsFails = false } = {}): FakePulumi {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const logFile = join(dir, "calls.jsonl");
  const program = `
const fs = require("fs");
const argv = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify({ argv, cwd: process.cwd() }) + "\\n");
if (argv[0] === "stack" && argv[1] === "ls") {
  if (${JSON.stringify(stackLsFails)}) {
    console.error("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions");
    process.exit(255);
  }
  const stacks = ${JSON.stringify(stacks)};
  console.log(JSON.stringify(stacks[argv[argv.indexOf("--project") + 1]] || []));
}
`;
  writeFileSync(join(dir, "fake-pulumi.js"), program);
  const script = join(dir, "pulumi");
  writeFileSync(
    script,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(dir, "fake-pulumi.js"))} "$@"\n`,
  );
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

import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PulumiCall {
  readonly argv: string[];
  readonly cwd: string;
}

/**
 * A `pulumi` on PATH that records its arguments and working directory, one JSON line per call. It answers
 * `stack output <name>` from FAKE_PULUMI_OUTPUT_<name> (the smoke test's load balancer address) and
 * succeeds otherwise: what is under test is which commands the workflows run, not Pulumi.
 */
export function fakePulumi(): { dir: string; calls(): PulumiCall[] } {
  const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(dir, "calls.jsonl");
  const program = [
    `const fs = require("fs"); const argv = process.argv.slice(2);`,
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, cwd: process.cwd() }) + "\\n");`,
    `if (argv[0] === "stack" && argv[1] === "output") {`,
    `  const value = process.env["FAKE_PULUMI_OUTPUT_" + argv[2]];`,
    `  if (value === undefined) { console.error("no output " + argv[2]); process.exit(1); }`,
    `  console.log(value);`,
    `}`,
  ].join("\n");
  writeFileSync(join(dir, "fake-pulumi.js"), program);
  writeFileSync(join(dir, "pulumi"), `#!/bin/sh\nexec "${process.execPath}" "${join(dir, "fake-pulumi.js")}" "$@"\n`);
  chmodSync(join(dir, "pulumi"), 0o755);
  return {
    dir,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as PulumiCall)
        : [],
  };
}

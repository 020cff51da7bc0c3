import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export interface PreflightCall {
  /** What followed `npm run preflight --`. */
  readonly argv: string[];
  /** The checkout it ran in: its stack files are the ones checked. */
  readonly cwd: string;
  /** When it ran (ms since the epoch), to order it among the `pulumi up`s. */
  readonly at: number;
}

/** What one environment's preflight prints and exits with; by default a token with no known expiry, exit 0. */
export interface PreflightAnswer {
  readonly exit?: number;
  readonly stdout?: string;
}

/**
 * An `npm` in `binDir` (first on the steps' PATH) that stands in for `npm run preflight` only, which would ask AWS
 * and the registries' APIs: it records each call and answers from a table keyed by `--env` (set with answer()).
 * What is under test is which check the workflow runs and how it reads the result; the preflight's own tests
 * (tools/preflight/test) prove the check. Every other npm command goes to npm itself.
 */
export function fakePreflight(binDir: string): {
  calls(): PreflightCall[];
  answer(env: string, answer: PreflightAnswer): void;
} {
  const log = join(binDir, "preflight-calls.jsonl");
  const answers = join(binDir, "preflight-answers.json");
  writeFileSync(answers, "{}");
  const program = `
const fs = require("fs");
const args = process.argv.slice(2);
const argv = args.slice(args.indexOf("--") + 1);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, cwd: process.cwd(), at: Date.now() }) + "\\n");
const env = argv[argv.indexOf("--env") + 1];
const answer = JSON.parse(fs.readFileSync(${JSON.stringify(answers)}, "utf8"))[env] ?? {};
process.stdout.write(answer.stdout ?? "PASS  ghcr.io token expiry: ghcr.io token for " + env + ": expiry unknown\\n");
process.exit(answer.exit ?? 0);
`;
  writeFileSync(join(binDir, "fake-preflight.js"), program);
  const node = JSON.stringify(process.execPath);
  const shim = `#!/bin/sh
for arg in "$@"; do
  [ "$arg" = -- ] && break
  [ "$arg" = preflight ] && exec ${node} ${JSON.stringify(join(binDir, "fake-preflight.js"))} "$@"
done
exec ${JSON.stringify(npmOnPath(binDir))} "$@"
`;
  writeFileSync(join(binDir, "npm"), shim);
  chmodSync(join(binDir, "npm"), 0o755);
  return {
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as PreflightCall)
        : [],
    answer: (env, answer) => {
      const table = JSON.parse(readFileSync(answers, "utf8")) as Record<string, PreflightAnswer>;
      writeFileSync(answers, JSON.stringify({ ...table, [env]: answer }));
    },
  };
}

/** npm itself: the first on PATH after `binDir`. */
function npmOnPath(binDir: string): string {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (!dir || resolve(dir) === resolve(binDir)) continue;
    if (existsSync(join(dir, "npm"))) return join(dir, "npm");
  }
  throw new Error(`fake preflight: no npm on PATH (${process.env["PATH"] ?? ""})`);
}

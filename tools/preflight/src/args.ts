import { parseCommandLine } from "@platform/command-line";

export interface PreflightArgs {
  readonly env: string;
  readonly json: boolean;
  readonly help: boolean;
}

/** Bad command-line input: printed with the usage, exit code 2 (as `npm start`). */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run preflight -- --env <env> [--json]

Run with the AWS credentials of the environment's account, before \`pulumi up\`. Checks, one line each:
  - the caller's account is in aws:allowedAccountIds of every stack file;
  - no stack file still holds the repository's example values;
  - the registry secret exists, has a current value, and holds {"username","password"} (never printed);
  - with exactly those credentials the registry serves the image's manifest (ECS's pull handshake);
  - for an HTTPS environment, the ALB's ACM certificate is issued.

Options:
  --env <name>   Environment = stack name: dev, staging or prod (required)
  --json         Print one JSON document on stdout
  -h, --help     Show this help

Exit codes: 0 every check passed, 1 a check failed, 2 bad input.
`;

export function parsePreflightArgs(argv: string[]): PreflightArgs {
  const values = parseCommandLine(argv, {
    flags: {
      env: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    helpCommand: "npm run preflight -- --help",
    error: UsageError,
  });
  if (values.help) return { env: "", json: false, help: true };
  if (!values.env) throw new UsageError("--env is required: the environment to check (dev, staging or prod).");
  return { env: values.env, json: values.json, help: false };
}

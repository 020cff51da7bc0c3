import { defineCommand, helpText, parseCommand, type ArgsOf } from "@platform/command-line";

/** Bad command-line input: printed with the usage, exit code 2 (as `npm start`). */
export class UsageError extends Error {}

/** `npm run preflight`: every flag once, with its help line. */
export const PREFLIGHT_COMMAND = defineCommand({
  usage: "npm run preflight -- --env <env> [--service <name>] [--json]",
  summary: `Run with the AWS credentials of the environment's account, before \`pulumi up\`. Checks, one line each:
  - the caller's account is in aws:allowedAccountIds of every stack file;
  - no stack file still holds the repository's example values;
  - the registry secret exists, has a current value, and holds {"username","password"} (never printed);
  - with exactly those credentials the registry serves the image's manifest (ECS's pull handshake);
  - for an HTTPS environment, the ALB's ACM certificate is issued.`,
  footer: "Exit codes: 0 every check passed, 1 a check failed, 2 bad input.",
  helpCommand: "npm run preflight -- --help",
  error: UsageError,
  flags: {
    env: {
      type: "string",
      value: "<name>",
      required: true,
      help: "Environment = stack name: dev, staging or prod",
    },
    service: {
      type: "string",
      value: "<name>",
      help: "The service project whose stack is checked, with the stacks it reads (default: the only one)",
    },
    json: { type: "boolean", default: false, help: "Print one JSON document on stdout" },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

export type PreflightArgs = ArgsOf<(typeof PREFLIGHT_COMMAND)["flags"]>;

export const USAGE = helpText(PREFLIGHT_COMMAND);

export function parsePreflightArgs(argv: string[]): PreflightArgs {
  return parseCommand(argv, PREFLIGHT_COMMAND);
}

import { defineCommand, helpText, parseCommand, type ArgsOf } from "@platform/command-line";

/** Bad command-line input: printed with the usage, exit code 2 (as `npm start`). */
export class UsageError extends Error {}

/** `npm run preflight`: every flag once, with its help line. */
export const PREFLIGHT_COMMAND = defineCommand({
  usage:
    "npm run preflight -- --env <env> [--service <name>] [--json] [--expiry-warning-days <days>] [--fail-on-warning] [--only token-expiry]",
  summary: `Run with the AWS credentials of the environment's account, before \`pulumi up\`. Checks, one line each:
  - the caller's account is in aws:allowedAccountIds of every stack file;
  - no stack file still holds the repository's example values;
  - the registry secret exists, has a current value, and holds {"username","password"} (never printed);
  - the token is of a kind that can pull from the registry, and when it expires, where the registry's API
    says (GitHub, GitLab): a warning within the threshold, a failure once expired;
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
    "expiry-warning-days": {
      type: "string",
      default: "30",
      value: "<days>",
      key: "expiryWarningDays",
      help: "Warn when the registry token expires within this many days (default: 30)",
      as: (days: string) => {
        if (!/^\d{1,4}$/.test(days)) {
          throw new UsageError(
            `\`--expiry-warning-days ${days}\` is not a number of days.\nFix: --expiry-warning-days 30`,
          );
        }
        return Number(days);
      },
    },
    "fail-on-warning": {
      type: "boolean",
      default: false,
      key: "failOnWarning",
      help: "Exit 1 on a warning too (the daily drift run: a token about to expire)",
    },
    only: {
      type: "string",
      value: "token-expiry",
      help: "Run only the registry secret and its token's expiry (the daily drift run; no account, image or certificate check)",
      as: (only: string) => {
        if (only !== "token-expiry") {
          throw new UsageError(`\`--only ${only}\` is not a check that runs alone.\nFix: --only token-expiry`);
        }
        return only;
      },
    },
    "github-api": {
      type: "string",
      value: "<url>",
      key: "githubApi",
      help: "GitHub's API, asked for a ghcr.io token's expiry (default: https://api.github.com)",
    },
    "gitlab-api": {
      type: "string",
      value: "<url>",
      key: "gitlabApi",
      help: "GitLab's API, asked for a registry.gitlab.com token's expiry (default: https://gitlab.com/api/v4)",
    },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

export type PreflightArgs = ArgsOf<(typeof PREFLIGHT_COMMAND)["flags"]>;

export const USAGE = helpText(PREFLIGHT_COMMAND);

export function parsePreflightArgs(argv: string[]): PreflightArgs {
  return parseCommand(argv, PREFLIGHT_COMMAND);
}

// A command is one declaration: its parser, its --help and the type of its arguments all come from the flags'
// specs, so adding a flag is one entry (shown here by adding one to a copy of a spec and changing nothing else).
import { defineCommand, helpText, parseCommand, type ArgsOf } from "../src";

class BadInput extends Error {}

const base = defineCommand({
  usage: "npm run thing -- [options]",
  summary: "Does a thing.",
  footer: "Exit codes: 0 done, 2 bad input.",
  helpCommand: "npm run thing -- --help",
  error: BadInput,
  flags: {
    env: { type: "string", default: "dev", value: "<name>", help: "Environment (default: dev)" },
    "dry-run": { type: "boolean", default: false, help: "Print what would change;\nwrite nothing" },
    timeout: {
      type: "string",
      default: "30",
      value: "<seconds>",
      key: "timeoutSeconds",
      help: "Give up after this long",
      as: Number,
    },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

it("renders --help from the spec: usage, summary, one aligned entry per flag in order, footer", () => {
  expect(helpText(base)).toBe(
    [
      "Usage: npm run thing -- [options]",
      "",
      "Does a thing.",
      "",
      "Options:",
      "  --env <name>          Environment (default: dev)",
      "  --dry-run             Print what would change;",
      "                        write nothing",
      "  --timeout <seconds>   Give up after this long",
      "  -h, --help            Show this help",
      "",
      "Exit codes: 0 done, 2 bad input.",
      "",
    ].join("\n"),
  );
});

it("parses into keys named after the flags (or their `key`), converted by `as`", () => {
  const args: ArgsOf<(typeof base)["flags"]> = parseCommand(["--dry-run", "--timeout", "5"], base);
  expect(args).toEqual({ env: "dev", dryRun: true, timeoutSeconds: 5, help: false });
});

it("takes a new flag from one entry: the parser, the help and the type all have it", () => {
  const withRegion = defineCommand({
    ...base,
    flags: { ...base.flags, region: { type: "string", value: "<region>", help: "AWS region to use" } },
  });
  const args = parseCommand(["--region", "eu-west-1"], withRegion);
  const region: string | undefined = args.region;
  expect(region).toBe("eu-west-1");
  expect(helpText(withRegion)).toContain("  --region <region>     AWS region to use\n");
  expect(() => parseCommand(["--region"], base)).toThrow(BadInput);
});

it("refuses a missing required flag with a Fix, unless --help is given", () => {
  const needsEnv = defineCommand({
    ...base,
    flags: { ...base.flags, env: { type: "string", value: "<name>", required: true, help: "Environment to check" } },
  });
  expect(() => parseCommand([], needsEnv)).toThrow(
    new BadInput("--env is required: Environment to check.\nFix: add --env <name>"),
  );
  expect(parseCommand(["--help"], needsEnv).help).toBe(true);
});

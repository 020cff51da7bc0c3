// Command-line interface of the offline plan. Flags mirror `pulumi preview` where one exists.
import * as path from "node:path";
import { defineCommand, helpText, parseCommand, type ArgsOf } from "@platform/command-line";
import { checkOutputPath, checkPolicyPackDir } from "./input-paths";

/** `--env all`: every environment that some project has a stack file for. */
export const ALL_ENVIRONMENTS = "all";

/** Bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {}

const fromInvocation = (p: string) => path.resolve(invocationDir(), p);
const checked = (resolved: string, check: (resolved: string) => void): string => {
  check(resolved);
  return resolved;
};

/** `npm start`: every flag once, with its help line and the form the plan takes its value in. */
export const PLAN_COMMAND = defineCommand({
  usage: "npm start -- [options]",
  summary: `Plans Pulumi TypeScript projects offline (no cloud account, no Pulumi CLI) and checks them with
CrossGuard policy packs, like \`pulumi preview --policy-pack\`.`,
  helpCommand: "npm start -- --help",
  error: UsageError,
  flags: {
    env: {
      type: "string",
      default: "dev",
      value: "<name>",
      help: "Environment = stack name; config from Pulumi.<name>.yaml (default: dev);\n`all` plans every environment in one run, grouped by environment;\n`repository` plans the stack set up once per repository (projects/delivery)",
      as: parseEnv,
    },
    project: {
      type: "string",
      multiple: true,
      default: [],
      value: "<dir>",
      key: "projects",
      help: "Plan only this Pulumi project (repeatable; default: every project in projects/)",
      as: (dirs: string[]) => dirs.map(fromInvocation),
    },
    "policy-pack": {
      type: "string",
      multiple: true,
      default: [],
      value: "<dir>",
      key: "policyPacks",
      help: "Run this policy pack (repeatable; replaces the default policies/fargate-guard)",
      as: (dirs: string[]) =>
        dirs.map((dir) => checked(fromInvocation(dir), (resolved) => checkPolicyPackDir(dir, resolved))),
    },
    "policy-pack-config": {
      type: "string",
      multiple: true,
      default: [],
      value: "<file>",
      key: "policyPackConfigs",
      help: "JSON config for the --policy-pack in the same position (repeatable;\ndefault: <pack>/config/<env>.json when it exists)",
      as: (files: string[]) => files.map(fromInvocation),
    },
    json: {
      type: "boolean",
      default: false,
      help: "Print one JSON document on stdout (progress still goes to stderr)",
    },
    markdown: {
      type: "string",
      value: "<file>",
      help: "Also write a summary for a pull-request comment to <file> (a new file, or one\na plan wrote; never one git tracks or one inside .git)",
      as: fromInvocation,
    },
    overwrite: {
      type: "boolean",
      default: false,
      help: "Let --markdown replace an existing file that a plan did not write",
    },
    timeout: {
      type: "string",
      default: "120",
      value: "<seconds>",
      key: "timeoutSeconds",
      help: "Stop a program that runs longer than this (default: 120)",
      as: parseTimeout,
    },
    diff: {
      type: "string",
      value: "<git-ref>",
      help: "Also plan the base at <git-ref> (from a temporary git worktree) and show\nwhat the change does to each stack, property by property",
      as: parseGitRef,
    },
    state: {
      type: "string",
      multiple: true,
      default: [],
      value: "<file>",
      key: "stateFiles",
      help: "Judge a stack's state, as `pulumi stack export` writes it, instead of planning\nprograms (repeatable), as `pulumi policy analyze --file` does; --env picks\nthe pack config",
      as: (files: string[]) => files.map(fromInvocation),
    },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

export type PlanArgs = ArgsOf<(typeof PLAN_COMMAND)["flags"]>;

export const USAGE = helpText(PLAN_COMMAND);

export function parsePlanArgs(argv: string[]): PlanArgs {
  // Every single-value flag given twice is refused (`--env dev --env prod`): a plan of the wrong environment
  // that passes is worse than an error.
  const args = parseCommand(argv, PLAN_COMMAND);
  // Judged here rather than as the flag is read: whether an existing file may be replaced takes --overwrite.
  if (args.markdown !== undefined) {
    const given = path.relative(invocationDir(), args.markdown) || args.markdown;
    checkOutputPath("--markdown", given, args.markdown, args.overwrite);
  }
  const packCount = args.policyPacks.length || 1;
  if (args.policyPackConfigs.length > 0 && args.policyPackConfigs.length !== packCount) {
    throw new UsageError(
      `Got ${args.policyPackConfigs.length} --policy-pack-config for ${packCount} policy pack(s): as with \`pulumi preview\`, ` +
        "give one --policy-pack-config per --policy-pack, in the same order, or none.",
    );
  }
  return args;
}

function parseEnv(env: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(env)) {
    throw new UsageError(
      `\`--env ${env}\` is not a stack name: use letters, digits, \`-\`, \`_\` or \`.\` (it selects Pulumi.<env>.yaml).`,
    );
  }
  return env;
}

function parseGitRef(ref: string): string {
  if (ref === "" || ref.startsWith("-")) {
    throw new UsageError(
      `\`--diff ${ref}\` is not a git ref: give a branch, tag or commit, e.g. \`--diff origin/main\` or \`--diff HEAD~1\`.`,
    );
  }
  return ref;
}

/**
 * Where relative paths on the command line start. `npm start` runs in the workspace root whatever
 * folder it was typed in; npm passes that folder as INIT_CWD. Only trusted when npm is running this
 * very script: an INIT_CWD inherited through other tools (nx, jest) belongs to their invocation.
 */
function invocationDir(): string {
  const viaNpm = (process.env.npm_lifecycle_script ?? "").includes("offline-plan/bin/plan.js");
  return viaNpm && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0) || seconds > 24 * 3600) {
    throw new UsageError(
      `\`--timeout ${text}\` is not a number of seconds: use a number above 0 and at most 86400, e.g. --timeout 300.`,
    );
  }
  return seconds;
}

// Command-line interface of the offline plan. Flags mirror `pulumi preview` where one exists.
import * as path from "node:path";
import { parseCommandLine } from "@platform/command-line";
import { PACK_STARTS, type PackStart } from "@platform/policy-analyzer";
import { checkOutputPath, checkPolicyPackDir } from "./input-paths";

export interface PlanArgs {
  env: string;
  /** Project directories given with --project; empty means every project of this workspace. */
  projects: string[];
  /** Policy pack directories given with --policy-pack; empty means the default pack. */
  policyPacks: string[];
  policyPackConfigs: string[];
  json: boolean;
  markdown: string | null;
  /** Seconds a program may run before it is stopped (default 120). */
  timeoutSeconds: number;
  help: boolean;
  /** `--diff <git-ref>`: also plan the base at this ref and report what changed; null without the flag. */
  diff: string | null;
  /** How the policy packs start: `cli` as the Pulumi CLI starts them (default), `tsx` faster, without the type-check. */
  packStart: PackStart;
}

/** `--env all`: every environment that some project has a stack file for. */
export const ALL_ENVIRONMENTS = "all";

/** Bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm start -- [options]

Plans Pulumi TypeScript projects offline (no cloud account, no Pulumi CLI) and checks them with
CrossGuard policy packs, like \`pulumi preview --policy-pack\`.

Options:
  --env <name>                  Environment = stack name; config from Pulumi.<name>.yaml (default: dev)
  --project <dir>               Plan only this Pulumi project (repeatable; default: every project in projects/)
  --policy-pack <dir>           Run this policy pack (repeatable; replaces the default policies/fargate-guard)
  --policy-pack-config <file>   JSON config for the --policy-pack in the same position (repeatable;
                                default: <pack>/config/<env>.json when it exists)
  --json                        Print one JSON document on stdout (progress still goes to stderr)
  --markdown <file>             Also write a summary for a pull-request comment to <file>
  --timeout <seconds>           Stop a program that runs longer than this (default: 120)
  --diff <git-ref>              Also plan the base at <git-ref> (from a temporary git worktree) and show
                                what the change does to each stack, property by property
  --env all                     Plan every environment in one run, grouped by environment
  --pack-start <cli|tsx>        How the policy packs start: \`cli\` as the Pulumi CLI does, with ts-node
                                type-checking the pack (default); \`tsx\` faster, without the type-check
  -h, --help                    Show this help
`;

export function parsePlanArgs(argv: string[]): PlanArgs {
  // Every single-value flag given twice is refused (`--env dev --env prod`): a plan of the wrong environment
  // that passes is worse than an error.
  const values = parseCommandLine(argv, {
    flags: {
      env: { type: "string", default: "dev" },
      project: { type: "string", multiple: true, default: [] },
      "policy-pack": { type: "string", multiple: true, default: [] },
      "policy-pack-config": { type: "string", multiple: true, default: [] },
      json: { type: "boolean", default: false },
      markdown: { type: "string" },
      timeout: { type: "string", default: "120" },
      help: { type: "boolean", short: "h", default: false },
      diff: { type: "string" },
      "pack-start": { type: "string", default: "cli" },
    },
    helpCommand: "npm start -- --help",
    error: UsageError,
  });
  const base = invocationDir();
  const resolve = (p: string) => path.resolve(base, p);
  const args: PlanArgs = {
    env: values.env,
    projects: values.project.map(resolve),
    policyPacks: values["policy-pack"].map(resolve),
    policyPackConfigs: values["policy-pack-config"].map(resolve),
    json: values.json,
    markdown: values.markdown ? resolve(values.markdown) : null,
    timeoutSeconds: parseTimeout(values.timeout),
    help: values.help,
    diff: values.diff ?? null,
    packStart: parsePackStart(values["pack-start"]),
  };
  if (args.diff !== null && (args.diff === "" || args.diff.startsWith("-"))) {
    throw new UsageError(
      `\`--diff ${args.diff}\` is not a git ref: give a branch, tag or commit, e.g. \`--diff origin/main\` or \`--diff HEAD~1\`.`,
    );
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(args.env)) {
    throw new UsageError(
      `\`--env ${args.env}\` is not a stack name: use letters, digits, \`-\`, \`_\` or \`.\` (it selects Pulumi.<env>.yaml).`,
    );
  }
  if (args.markdown !== null) checkOutputPath("--markdown", values.markdown!, args.markdown);
  for (const [i, dir] of args.policyPacks.entries()) checkPolicyPackDir(values["policy-pack"][i]!, dir);
  const packCount = args.policyPacks.length || 1;
  if (args.policyPackConfigs.length > 0 && args.policyPackConfigs.length !== packCount) {
    throw new UsageError(
      `Got ${args.policyPackConfigs.length} --policy-pack-config for ${packCount} policy pack(s): as with \`pulumi preview\`, ` +
        "give one --policy-pack-config per --policy-pack, in the same order, or none.",
    );
  }
  return args;
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

function parsePackStart(text: string): PackStart {
  const start = PACK_STARTS.find((known) => known === text);
  if (start === undefined) {
    throw new UsageError(
      `\`--pack-start ${text}\` is not a way to start a policy pack: use \`cli\` (as the Pulumi CLI starts it, the ` +
        "default) or `tsx` (faster, without the type-check).",
    );
  }
  return start;
}

// Command-line interface of the offline plan. Flags mirror `pulumi preview` where one exists.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";

export interface PlanArgs {
  env: string;
  /** Project directories given with --project; empty means every project of this workspace. */
  projects: string[];
  /** Policy pack directories given with --policy-pack; empty means the default pack. */
  policyPacks: string[];
  policyPackConfigs: string[];
  json: boolean;
  markdown: string | null;
  help: boolean;
}

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
  -h, --help                    Show this help
`;

export function parsePlanArgs(argv: string[]): PlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        env: { type: "string", default: "dev" },
        project: { type: "string", multiple: true, default: [] },
        "policy-pack": { type: "string", multiple: true, default: [] },
        "policy-pack-config": { type: "string", multiple: true, default: [] },
        json: { type: "boolean", default: false },
        markdown: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  const args: PlanArgs = {
    env: values.env,
    projects: values.project,
    policyPacks: values["policy-pack"],
    policyPackConfigs: values["policy-pack-config"],
    json: values.json,
    markdown: values.markdown ?? null,
    help: values.help,
  };
  if (!/^[A-Za-z0-9_.-]+$/.test(args.env)) {
    throw new UsageError(`\`--env ${args.env}\` is not a stack name: use letters, digits, \`-\`, \`_\` or \`.\` (it selects Pulumi.<env>.yaml).`);
  }
  if (args.markdown !== null && !existsSync(path.dirname(path.resolve(args.markdown)))) {
    throw new UsageError(`--markdown ${args.markdown}: the folder ${path.dirname(path.resolve(args.markdown))} does not exist.`);
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

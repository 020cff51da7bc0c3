// Command line of `npm run promote`. Every refusal here is bad input: exit code 2, with a Fix line.
import { parseCommandLine } from "@platform/command-line";
import { ENVIRONMENTS, isEnvironment } from "@platform/config/environments";
import { looksLikeToken, shownSafely } from "@platform/config/secret-values";

export interface PromoteArgs {
  readonly to: string;
  readonly from: string | undefined;
  readonly image: string | undefined;
  readonly skipStage: boolean;
  readonly reason: string | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** The workspace whose projects/service stack files are promoted; tests point it at a temporary copy. */
  readonly workspace: string | undefined;
  readonly help: boolean;
}

/** Bad input: printed without a stack trace, exit code 2. */
export class InputError extends Error {}

export const USAGE = `Usage: npm run promote -- --to <env> (--from <env> | --image <ref>) [options]

Moves one image, pinned by digest, into projects/service/Pulumi.<to>.yaml (\`service:image\`), after the
offline plan of <to> passes with it. Environments, in order: ${ENVIRONMENTS.join(" → ")}.

Options:
  --to <env>              The environment to change
  --from <env>            Take the image the stage before runs (it must be pinned by digest)
  --image <ref>           Take this image (first hop); a tag is resolved to its digest by the registry,
                          with REGISTRY_USERNAME/REGISTRY_PASSWORD when REGISTRY_HOST is the image's
                          host, or the Docker config.json entry of that host
  --skip-stage            Allow skipping an environment; needs --reason, which is written next to the key
  --reason <text>         Why a stage is skipped
  --dry-run               Print the diff and the plan verdict; write nothing
  --json                  Print { from, to, image, previousImage, changed, plan: { ok, violations } }
  --workspace <dir>       Workspace root (default: this repository)
  -h, --help              Show this help

Exit code: 0 promoted or nothing to do, 1 refused by the plan, 2 bad input.
`;

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const values = parseCommandLine(argv, {
    flags: {
      to: { type: "string" },
      from: { type: "string" },
      image: { type: "string" },
      "skip-stage": { type: "boolean", default: false },
      reason: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      workspace: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    helpCommand: "npm run promote -- --help",
    error: InputError,
  });
  const args: PromoteArgs = {
    to: values.to ?? "",
    from: values.from,
    image: values.image,
    skipStage: values["skip-stage"],
    reason: values.reason?.trim() || undefined,
    dryRun: values["dry-run"],
    json: values.json,
    workspace: values.workspace,
    help: values.help,
  };
  if (!args.help) checkArgs(args);
  return args;
}

function checkArgs(args: PromoteArgs): void {
  const allowed = ENVIRONMENTS.join(", ");
  if (args.to === "") throw new InputError(`--to is required (one of ${allowed}).\nFix: add --to <env>`);
  checkEnvironment("--to", args.to);
  if ((args.from === undefined) === (args.image === undefined)) {
    throw new InputError(
      "Give exactly one of --from <env> (promote what that environment runs) or --image <ref> (first hop).\n" +
        `Fix: npm run promote -- --to ${args.to} --from <env>`,
    );
  }
  if (args.from !== undefined) checkEnvironment("--from", args.from);
  if (args.skipStage && args.reason === undefined) {
    throw new InputError('--skip-stage needs --reason "<why>"; the reason is written next to the key.');
  }
  if (args.reason !== undefined && !args.skipStage) {
    throw new InputError("--reason is only used with --skip-stage.\nFix: add --skip-stage, or drop --reason");
  }
  if (args.reason !== undefined && looksLikeToken(args.reason)) {
    throw new InputError(
      "--reason holds a value that looks like a token (not shown here); the reason is written into the stack " +
        "file, which everyone with the repository reads.\nFix: give the reason in words, and revoke the token",
    );
  }
  if (args.reason !== undefined && /[\r\n]/.test(args.reason)) {
    throw new InputError("--reason must be one line: it becomes a YAML comment next to `service:image`.");
  }
}

function checkEnvironment(flag: string, value: string): void {
  if (!isEnvironment(value)) {
    throw new InputError(
      `${flag} ${JSON.stringify(shownSafely(value))} is not an environment; allowed: ${ENVIRONMENTS.join(", ")}.\n` +
        `Fix: ${flag} ${ENVIRONMENTS[0]}`,
    );
  }
}

/**
 * Environments between the source and the target that the promotion would jump over. `--image` is the
 * first hop, so its source sits before the first environment.
 */
export function skippedStages(from: string | undefined, to: string): string[] {
  const order = ENVIRONMENTS as readonly string[];
  const start = from === undefined ? -1 : order.indexOf(from);
  return order.slice(start + 1, order.indexOf(to));
}

/** Refuses backwards or sideways moves, and skipped stages without --skip-stage --reason. */
export function checkOrder(args: PromoteArgs): string[] {
  const order = ENVIRONMENTS as readonly string[];
  if (args.from !== undefined && order.indexOf(args.from) >= order.indexOf(args.to)) {
    throw new InputError(
      `Cannot promote from ${args.from} to ${args.to}: promotion goes ${ENVIRONMENTS.join(" → ")}.\n` +
        `Fix: promote ${args.to}'s image onward, or change ${args.to} by a reviewed edit of its stack file`,
    );
  }
  const skipped = skippedStages(args.from, args.to);
  if (skipped.length > 0 && !args.skipStage) {
    const source = args.from ?? "--image";
    throw new InputError(
      `Promoting ${source} → ${args.to} skips ${skipped.join(", ")}; that is refused without a reason.\n` +
        `Fix: promote through ${skipped.join(" then ")} first, or add --skip-stage --reason "<why>"`,
    );
  }
  return skipped;
}

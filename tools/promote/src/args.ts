// Command line of `npm run promote`. Every refusal here is bad input: exit code 2, with a Fix line.
import { defineCommand, helpText, parseCommand, type ArgsOf } from "@platform/command-line";
import { ENVIRONMENTS, isEnvironment } from "@platform/config/environments";
import { looksLikeToken, shownSafely } from "@platform/config/secret-values";
import { tryParseImageReference } from "@platform/image-ref";

/** Bad input: printed without a stack trace, exit code 2. */
export class InputError extends Error {}

/** `npm run promote`: every flag once, with its help line and the form the promotion takes its value in. */
export const PROMOTE_COMMAND = defineCommand({
  usage: "npm run promote -- [--service <name>] --to <env> (--from <env> | --image <ref>) [options]",
  summary: `Moves one service's image, pinned by digest, into projects/<service>/Pulumi.<to>.yaml (\`<service>:image\`),
after the offline plan of <to> passes with it. Environments, in order: ${ENVIRONMENTS.join(" → ")}.`,
  footer: "Exit code: 0 promoted or nothing to do, 1 refused by the plan, 2 bad input.",
  helpCommand: "npm run promote -- --help",
  error: InputError,
  flags: {
    service: {
      type: "string",
      value: "<name>",
      help: "The service (its Pulumi project name); required when the workspace has more than one",
    },
    to: {
      type: "string",
      value: "<env>",
      required: true,
      help: `The environment to change (one of ${ENVIRONMENTS.join(", ")})`,
      as: (env: string) => checkEnvironment("--to", env),
    },
    from: {
      type: "string",
      value: "<env>",
      help: "Take the image the stage before runs (it must be pinned by digest)",
      as: (env: string) => checkEnvironment("--from", env),
    },
    deployed: {
      type: "string",
      value: "<commit>@<time>",
      help: "With --from: the source's last successful deployment, whose smoke test passed (the commit\nit ran, when it finished, ISO 8601). The image is read from the source stack file at\nthat commit, and refused until it has run the target's soak time (its profile's\npromotionSoakHours); what deploy.yml records, found by .github/scripts/last-deployed.sh",
      as: (text: string) => parseDeployed(text),
    },
    image: {
      type: "string",
      value: "<ref>",
      help: "Take this image (first hop); a tag (into the first environment only) is resolved to\nits digest by the registry, with REGISTRY_USERNAME/REGISTRY_PASSWORD when REGISTRY_HOST is the image's\nhost, or the Docker config.json entry of that host",
    },
    "skip-stage": {
      type: "boolean",
      default: false,
      help: "Allow skipping an environment; needs --reason, which is written next to the key",
    },
    reason: {
      type: "string",
      value: "<text>",
      help: "Why a stage is skipped",
      as: (text: string) => text.trim() || undefined,
    },
    "dry-run": { type: "boolean", default: false, help: "Print the diff and the plan verdict; write nothing" },
    json: {
      type: "boolean",
      default: false,
      help: "Print { from, to, image, previousImage, changed, plan: { ok, violations } }",
    },
    workspace: {
      type: "string",
      value: "<dir>",
      help: "Workspace root (default: this repository)",
    },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

export type PromoteArgs = ArgsOf<(typeof PROMOTE_COMMAND)["flags"]>;

export const USAGE = helpText(PROMOTE_COMMAND);

export function parsePromoteArgs(argv: string[]): PromoteArgs {
  const args = parseCommand(argv, PROMOTE_COMMAND);
  if (!args.help) checkArgs(args);
  return args;
}

function checkArgs(args: PromoteArgs): void {
  if ((args.from === undefined) === (args.image === undefined)) {
    throw new InputError(
      "Give exactly one of --from <env> (promote what that environment runs) or --image <ref> (first hop).\n" +
        `Fix: npm run promote -- --to ${args.to} --from <env>`,
    );
  }
  const first = ENVIRONMENTS[0];
  const image = args.image === undefined ? undefined : tryParseImageReference(args.image);
  if (image?.ok && image.value.digest === undefined && args.to !== first) {
    const shown = String(shownSafely(args.image));
    throw new InputError(
      `--image ${shown} is a tag, and a tag enters ${first} only: ${args.to} takes an image that ran in the ` +
        `stage before and passed its smoke test, by digest.\n` +
        `Fix: npm run promote -- --to ${first} --image ${shown}, then promote it from ${first} once deployed`,
    );
  }
  if (args.deployed !== undefined && args.from === undefined) {
    throw new InputError(
      "--deployed names the deployment of the environment given with --from.\nFix: add --from <env>",
    );
  }
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
    throw new InputError("--reason must be one line: it becomes a YAML comment next to the image key.");
  }
}

function checkEnvironment(flag: string, value: string): string {
  if (!isEnvironment(value)) {
    throw new InputError(
      `${flag} ${JSON.stringify(shownSafely(value))} is not an environment; allowed: ${ENVIRONMENTS.join(", ")}.\n` +
        `Fix: ${flag} ${ENVIRONMENTS[0]}`,
    );
  }
  return value;
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

/** A deployment of the source environment: the commit it ran and when it succeeded. */
export interface Deployed {
  readonly commit: string;
  readonly at: Date;
}

function parseDeployed(text: string): Deployed {
  const match = /^([0-9a-f]{7,40})@(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(text);
  const at = match ? new Date(match[2]!) : undefined;
  if (!match || Number.isNaN(at!.getTime())) {
    throw new InputError(
      `--deployed ${JSON.stringify(shownSafely(text))} is not <commit>@<time>: a commit (7 to 40 hex digits) and ` +
        "when its deployment succeeded, in UTC.\nFix: --deployed $(bash .github/scripts/last-deployed.sh --with-time <env>)",
    );
  }
  return { commit: match[1]!, at: at! };
}

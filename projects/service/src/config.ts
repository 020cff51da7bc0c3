import { type ImageReference, isDigestPinned, tryParseImageReference } from "@platform/image-ref";
import { z } from "zod";
import {
  ConfigError,
  type ConfigSource,
  describeMemoryChoices,
  type Environment,
  environmentDefaults,
  isEnvironment,
  FARGATE_CPU_UNITS,
  intIn,
  isValidFargateSize,
  jsonKey,
  readConfig,
  stackEnvironment,
  stringKey,
  structuredKey,
  validFargateMemory,
} from "@platform/config";

export interface AutoscalingConfig {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly cpuTargetPercent: number;
}

export interface ServiceConfig {
  readonly env: Environment;
  /** Pulumi organization of the upstream stacks; undefined means the current organization. */
  readonly org?: string;
  readonly image: ImageReference;
  readonly cpu: number;
  readonly memory: number;
  readonly containerMemory: number;
  readonly desiredCount: number;
  readonly autoscaling: AutoscalingConfig;
  readonly logRetentionDays: number;
  readonly requireDigest: boolean;
  readonly healthCheckGracePeriodSeconds: number;
  /** Image prefixes that are public and pulled without credentials: the environment profile's list, which the pack shares. */
  readonly publicImagePrefixes: readonly string[];
}

/** The values CloudWatch Logs accepts for retentionInDays (PutRetentionPolicy API reference). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const image = z.string().superRefine((value, ctx) => {
  const parsed = tryParseImageReference(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
});

/**
 * A Fix example must itself be valid, in every environment: a digest-pinned image (prod requires one),
 * with the owner and name spelt as the parser accepts them. The digest is the user's to fill in.
 */
const EXAMPLE_IMAGE = `ghcr.io/acme/app@sha256:${"0123456789abcdef".repeat(4)}`;
const defaultsOf = (stack: string) => environmentDefaults(isEnvironment(stack) ? stack : "dev");

const specs = {
  org: stringKey(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
      .optional(),
    "a Pulumi organization name",
    "acme",
  ),
  image: stringKey(
    image,
    "an image reference such as ghcr.io/<owner>/<app>:<tag> or ghcr.io/<owner>/<app>@sha256:<digest>",
    EXAMPLE_IMAGE,
  ),
  cpu: jsonKey(
    z
      .number()
      .refine((n) => FARGATE_CPU_UNITS.includes(n))
      .optional(),
    `Fargate CPU units, one of ${FARGATE_CPU_UNITS.join(", ")}`,
    "512",
  ),
  memory: jsonKey(
    z.number().int().positive().optional(),
    "Fargate task memory in MiB, valid for `service:cpu`",
    "1024",
  ),
  containerMemory: jsonKey(
    z.number().int().min(6).optional(),
    "the container's memory limit in MiB (at least 6, at most `service:memory`)",
    "768",
  ),
  // Within the environment's autoscaling range, so the example itself passes the cross-check.
  desiredCount: jsonKey(intIn(0, 1000).optional(), "a whole number of tasks from 0 to 1000", (stack) =>
    String(defaultsOf(stack).desiredCount),
  ),
  autoscaling: structuredKey(
    z
      .object({ minCapacity: intIn(0, 1000), maxCapacity: intIn(1, 1000), cpuTargetPercent: intIn(10, 95) })
      .strict()
      .optional(),
    "{ minCapacity, maxCapacity, cpuTargetPercent } with 0 <= min <= max and a CPU target from 10 to 95",
    (stack) => {
      const { minCapacity, maxCapacity, cpuTargetPercent } = defaultsOf(stack).autoscaling;
      return `{ minCapacity: ${minCapacity}, maxCapacity: ${maxCapacity}, cpuTargetPercent: ${cpuTargetPercent} }`;
    },
  ),
  logRetentionDays: jsonKey(
    z
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n))
      .optional(),
    `a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}`,
    "30",
  ),
  requireDigest: jsonKey(z.boolean().optional(), "true or false", (stack) => String(defaultsOf(stack).requireDigest)),
  healthCheckGracePeriodSeconds: jsonKey(intIn(0, 2147483647).optional(), "a whole number of seconds", "90"),
};

/** The service's config with the environment's defaults applied; throws ConfigError listing every problem. */
export function serviceConfig(source: ConfigSource): ServiceConfig {
  const { env, defaults: d } = stackEnvironment(source);
  rejectMovedPublicImagePrefixes(source, env);
  const v = readConfig(source, "service", specs, (values, issue) => {
    const cpu = values.cpu ?? 512;
    const memory = values.memory ?? 1024;
    if (!isValidFargateSize(cpu, memory)) {
      issue(
        "memory",
        `\`service:cpu\` is ${cpu}, so \`service:memory\` must be ${describeMemoryChoices(cpu)}.`,
        String(validFargateMemory(cpu)?.[0]),
      );
    }
    if ((values.containerMemory ?? 768) > memory) {
      issue(
        "containerMemory",
        `the container cannot have more memory than its task (\`service:memory\` is ${memory}).`,
        String(memory),
      );
    }
    if ((values.requireDigest ?? d.requireDigest) && !isDigestPinned(parse(values.image))) {
      issue(
        "image",
        `${env} runs only images pinned by digest, so a retagged image cannot change what runs; promote a digest from the previous environment.`,
      );
    }
    const scaling = values.autoscaling ?? d.autoscaling;
    const desired = values.desiredCount ?? d.desiredCount;
    if (scaling.minCapacity > scaling.maxCapacity || desired < scaling.minCapacity || desired > scaling.maxCapacity) {
      issue(
        values.autoscaling ? "autoscaling" : "desiredCount",
        `autoscaling needs minCapacity <= desiredCount <= maxCapacity (got ${scaling.minCapacity} <= ${desired} <= ${scaling.maxCapacity}).`,
      );
    }
  });
  return {
    env,
    ...(v.org ? { org: v.org } : {}),
    image: parse(v.image),
    cpu: v.cpu ?? 512,
    memory: v.memory ?? 1024,
    containerMemory: v.containerMemory ?? 768,
    desiredCount: v.desiredCount ?? d.desiredCount,
    autoscaling: v.autoscaling ?? d.autoscaling,
    logRetentionDays: v.logRetentionDays ?? d.logRetentionDays,
    requireDigest: v.requireDigest ?? d.requireDigest,
    healthCheckGracePeriodSeconds: v.healthCheckGracePeriodSeconds ?? 90,
    publicImagePrefixes: d.publicImagePrefixes,
  };
}

/**
 * `service:publicImagePrefixes` was a stack key; the list now lives in the environment profile so the program and
 * the pack read one list. A stack file that still sets it would otherwise be ignored without a word.
 */
function rejectMovedPublicImagePrefixes(source: ConfigSource, env: Environment): void {
  const value = source.get("service:publicImagePrefixes");
  if (value === undefined) return;
  throw new ConfigError(source.stackFile, [
    {
      key: "service:publicImagePrefixes",
      value,
      problem: "this is no longer a stack key: public image prefixes are part of the environment profile.",
      fix: {
        kind: "steps",
        text:
          `remove it from ${source.stackFile} and add the prefixes to \`publicImagePrefixes\` of ${env} in ` +
          "libs/config/src/environments.ts, then run npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write",
      },
    },
  ]);
}

function parse(value: string): ImageReference {
  const result = tryParseImageReference(value);
  if (!result.ok) throw new Error(`unreachable: image was validated (${result.error})`);
  return result.value;
}

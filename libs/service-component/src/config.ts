import { type ImageReference, isDigestPinned, tryParseImageReference } from "@platform/image-ref";
import { z } from "zod";
import {
  ConfigError,
  type ConfigSource,
  type DeploymentProfile,
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

/** Which requests the shared load balancer sends to this service: the listener rule's priority and its match. */
export interface RoutingConfig {
  /** The listener rule's priority (1 to 50000, lower is evaluated first); unique among an environment's services. */
  readonly priority: number;
  /** Path patterns (`/shop/*`); empty when the service is matched by host only. */
  readonly paths: readonly string[];
  /** Host headers (`shop.example.com`); empty when the service is matched by path only. */
  readonly hosts: readonly string[];
}

export interface ServiceConfig {
  /** The service's name, which is its Pulumi project and its stack keys' namespace; resource names carry it. */
  readonly name: string;
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
  /** From the environment profile: the log group, with its logs, stays in AWS when the stack is destroyed. */
  readonly retainLogs: boolean;
  readonly requireDigest: boolean;
  readonly healthCheckGracePeriodSeconds: number;
  /** The path the service's target group health-checks. */
  readonly healthCheckPath: string;
  /**
   * The container's command: arguments to the image's entrypoint, e.g. to make it listen on networking's service
   * port, the one port the service security group admits. Undefined keeps the image's own.
   */
  readonly command?: readonly string[];
  /** Seconds a draining target keeps its connections. */
  readonly deregistrationDelaySeconds: number;
  /** The unprivileged user (`uid[:gid]` or a name in the image) the container runs as; its root filesystem is read-only. */
  readonly user: string;
  /** CloudWatch alarms on the service's target group (5xx, unhealthy hosts) roll a deployment back. */
  readonly deploymentAlarms: boolean;
  /** Absolute paths the container may write, each a scratch volume of the task's ephemeral storage. */
  readonly writablePaths: readonly string[];
  /**
   * How ECS deploys it: the environment profile's `deployment`, or `<service>:deployment`. Rolling while the cut-over's
   * first step holds a former target group (`formerTargetGroupArn`): ECS's production rule pairs exactly two groups.
   */
  readonly deployment: DeploymentProfile;
  readonly routing: RoutingConfig;
  /**
   * The name the stack's resources had when a service was a program of its own, its resources at the stack's top
   * level (`app-<env>`): set, they keep their URNs through aliases and their AWS names, and are not replaced.
   */
  readonly formerName?: string;
  /**
   * Step 1 of the cut-over of a stack deployed before services shared the load balancer: the target group its tasks
   * are registered with now (networking's former `targetGroupArn` output). While set, the rule forwards to it
   * and keeps the service's own group at weight 0, and the tasks register in both (docs/upgrade.md).
   */
  readonly formerTargetGroupArn?: string;
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

/** ALB limits: priorities 1 to 50000, at most five match values per rule, 128 characters per path pattern. */
export const MAX_LISTENER_PRIORITY = 50000;
const MAX_MATCH_VALUES = 5;
const pathPattern = z
  .string()
  .regex(/^\/[\x21-\x7e]{0,127}$/, "a path pattern starting with / (at most 128 characters)");
const hostPattern = z
  .string()
  .regex(
    /^(?=.{1,128}$)[a-z0-9*?]([a-z0-9*?-]*[a-z0-9*?])?(\.[a-z0-9*?]([a-z0-9*?-]*[a-z0-9*?])?)*$/,
    "a lowercase host name",
  );

/**
 * ECS ContainerDefinition `user`: `user`, `user:group`, `uid` or `uid:gid`. The root filesystem is read-only, so the
 * paths an application writes are volumes: Spring Boot's embedded Tomcat writes under /tmp.
 */
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$/;
const ROOT_USER = /^(root|0+)(:|$)/;
export const DEFAULT_USER = "1000:1000";
export const DEFAULT_WRITABLE_PATHS = ["/tmp"] as const;
const MAX_WRITABLE_PATHS = 8;
/** ECS DeploymentConfiguration `bakeTimeInMinutes`: 0 to 1440 (Amazon ECS API reference). */
const MAX_BAKE_MINUTES = 1440;
const writablePath = z.string().regex(/^(\/[A-Za-z0-9._-]+)+$/, "an absolute path such as /tmp (no trailing slash)");

/** `arn:<partition>:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>` (Elastic Load Balancing ARNs). */
const TARGET_GROUP_ARN =
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

const specsFor = (ns: string) => ({
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
    `Fargate task memory in MiB, valid for \`${ns}:cpu\``,
    "1024",
  ),
  containerMemory: jsonKey(
    z.number().int().min(6).optional(),
    `the container's memory limit in MiB (at least 6, at most \`${ns}:memory\`)`,
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
  healthCheckPath: stringKey(pathPattern.optional(), "a URL path starting with /", "/actuator/health"),
  command: structuredKey(
    z.array(z.string().min(1)).min(1).max(32).optional(),
    "a list of 1 to 32 non-empty strings: the arguments to the image's entrypoint",
    '[--port, "8098"]',
  ),
  deregistrationDelaySeconds: jsonKey(intIn(0, 3600).optional(), "an integer from 0 to 3600", "30"),
  user: stringKey(
    z
      .string()
      .regex(USER, "a user or uid, optionally :group or :gid")
      .refine((value) => !ROOT_USER.test(value), "a user other than root (0)")
      .optional(),
    "an unprivileged user the image knows, numeric as uid[:gid] so it needs no passwd entry",
    "1000:1000",
  ),
  deploymentAlarms: jsonKey(z.boolean().optional(), "true or false", "true"),
  writablePaths: structuredKey(
    z.array(writablePath).max(MAX_WRITABLE_PATHS).optional(),
    `a list of at most ${MAX_WRITABLE_PATHS} absolute paths such as /tmp, each given a scratch volume (default [${DEFAULT_WRITABLE_PATHS.join(", ")}])`,
    "[/tmp, /var/cache/app]",
  ),
  deployment: structuredKey(
    z
      .discriminatedUnion("strategy", [
        z.object({ strategy: z.literal("rolling") }).strict(),
        z.object({ strategy: z.literal("blue-green"), bakeTimeInMinutes: intIn(0, MAX_BAKE_MINUTES) }).strict(),
      ])
      .optional(),
    `{ strategy: rolling } or { strategy: blue-green, bakeTimeInMinutes: <0 to ${MAX_BAKE_MINUTES}> } (default: the environment's)`,
    "{ strategy: rolling }",
  ),
  formerName: stringKey(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, "a resource name of lowercase letters, digits and dashes")
      .optional(),
    "the name this stack's resources had before services became components (app-<env>), only for a stack deployed then",
    (stack) => `app-${stack}`,
  ),
  formerTargetGroupArn: stringKey(
    z.string().regex(TARGET_GROUP_ARN, "an ALB target group ARN").optional(),
    "the ARN of the target group the service's tasks are registered with now (`pulumi stack output targetGroupArn` of networking before the upgrade), only during the cut-over's first step",
    (stack) =>
      `arn:aws:elasticloadbalancing:eu-central-1:111111111111:targetgroup/app-${stack}-service-0a1b2c3/0123456789abcdef`,
  ),
  listenerPriority: jsonKey(
    intIn(1, MAX_LISTENER_PRIORITY),
    `the listener rule's priority, an integer from 1 to ${MAX_LISTENER_PRIORITY}, unique among the environment's services (lower is matched first: give specific paths lower numbers than a catch-all)`,
    "100",
  ),
  paths: structuredKey(
    z.array(pathPattern).min(1).max(MAX_MATCH_VALUES).optional(),
    `a list of 1 to ${MAX_MATCH_VALUES} path patterns such as /shop/* (default: every path, /*)`,
    "[/shop/*]",
  ),
  hosts: structuredKey(
    z.array(hostPattern).min(1).max(MAX_MATCH_VALUES).optional(),
    `a list of 1 to ${MAX_MATCH_VALUES} host names such as shop.example.com`,
    "[shop.example.com]",
  ),
});

/**
 * A service's config with the environment's defaults applied; throws ConfigError listing every problem.
 * @param name the service's name: its Pulumi project, whose name is also its keys' namespace (`<name>:image`).
 */
export function serviceConfig(source: ConfigSource, name: string): ServiceConfig {
  const { env, defaults: d } = stackEnvironment(source);
  rejectMovedPublicImagePrefixes(source, env, name);
  const v = readConfig(source, name, specsFor(name), (values, issue) => {
    const cpu = values.cpu ?? 512;
    const memory = values.memory ?? 1024;
    if (!isValidFargateSize(cpu, memory)) {
      issue(
        "memory",
        `\`${name}:cpu\` is ${cpu}, so \`${name}:memory\` must be ${describeMemoryChoices(cpu)}.`,
        String(validFargateMemory(cpu)?.[0]),
      );
    }
    if ((values.containerMemory ?? 768) > memory) {
      issue(
        "containerMemory",
        `the container cannot have more memory than its task (\`${name}:memory\` is ${memory}).`,
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
    if (values.deployment?.strategy === "blue-green" && values.formerTargetGroupArn) {
      issue(
        "deployment",
        "a blue/green deployment starts after the cut-over's first step: ECS's production rule forwards to exactly " +
          "the service's own group and its alternate, and `formerTargetGroupArn` is still set (docs/deployments.md). " +
          "Deploy rolling until then, or delete `formerTargetGroupArn` (the second step) first.",
      );
    }
    if ((values.paths?.length ?? 0) + (values.hosts?.length ?? 0) > MAX_MATCH_VALUES) {
      issue("paths", `an ALB listener rule matches at most ${MAX_MATCH_VALUES} paths and hosts together.`);
    }
  });
  return {
    name,
    env,
    ...(v.org ? { org: v.org } : {}),
    image: parse(v.image),
    cpu: v.cpu ?? 512,
    memory: v.memory ?? 1024,
    containerMemory: v.containerMemory ?? 768,
    desiredCount: v.desiredCount ?? d.desiredCount,
    autoscaling: v.autoscaling ?? d.autoscaling,
    logRetentionDays: v.logRetentionDays ?? d.logRetentionDays,
    retainLogs: d.destroyProtection,
    requireDigest: v.requireDigest ?? d.requireDigest,
    healthCheckGracePeriodSeconds: v.healthCheckGracePeriodSeconds ?? 90,
    healthCheckPath: v.healthCheckPath ?? "/actuator/health",
    ...(v.command ? { command: v.command } : {}),
    deregistrationDelaySeconds: v.deregistrationDelaySeconds ?? 30,
    user: v.user ?? DEFAULT_USER,
    deploymentAlarms: v.deploymentAlarms ?? true,
    writablePaths: [...new Set(v.writablePaths ?? DEFAULT_WRITABLE_PATHS)],
    // The profile's blue/green waits for the cut-over's second step; an explicit one was refused above.
    deployment: v.deployment ?? (v.formerTargetGroupArn ? { strategy: "rolling" } : d.deployment),
    ...(v.formerName ? { formerName: v.formerName } : {}),
    ...(v.formerTargetGroupArn ? { formerTargetGroupArn: v.formerTargetGroupArn } : {}),
    routing: {
      priority: v.listenerPriority,
      // A service matched by neither gets every path; the pack refuses a second one in the environment.
      paths: v.paths ?? (v.hosts ? [] : ["/*"]),
      hosts: v.hosts ?? [],
    },
    publicImagePrefixes: d.publicImagePrefixes,
  };
}

/**
 * `<service>:publicImagePrefixes` was a stack key; the list now lives in the environment profile so the program and
 * the pack read one list. A stack file that still sets it would otherwise be ignored without a word.
 */
function rejectMovedPublicImagePrefixes(source: ConfigSource, env: Environment, name: string): void {
  const value = source.get(`${name}:publicImagePrefixes`);
  if (value === undefined) return;
  throw new ConfigError(source.stackFile, [
    {
      key: `${name}:publicImagePrefixes`,
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

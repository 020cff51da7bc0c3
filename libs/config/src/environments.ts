import type { EnforcementLevel } from "@pulumi/policy";
import type { Waiver } from "./waiver";

/**
 * Everything that deliberately differs between environments, in one place. The programs take their defaults
 * from it, and the policy pack's `config/<env>.json` is generated from it
 * (`npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write`), so the two cannot disagree.
 */
export interface EnvironmentProfile {
  readonly natGateways: "single" | "one-per-az";
  readonly desiredCount: number;
  readonly autoscaling: {
    readonly minCapacity: number;
    readonly maxCapacity: number;
    readonly cpuTargetPercent: number;
  };
  readonly logRetentionDays: number;
  readonly customerManagedKey: boolean;
  readonly recoveryWindowInDays: number;
  /**
   * A destroy cannot take the environment offline or lose its logs: the ALB has AWS's deletion protection, Pulumi
   * refuses to delete it and its listeners (`protect`), and a service's log group stays in AWS when its stack is
   * destroyed (`retainOnDelete`).
   */
  readonly destroyProtection: boolean;
  /** Image prefixes pulled without credentials: the service's allow-list and the pack's, one list. */
  readonly publicImagePrefixes: readonly string[];
  /**
   * fargate-guard levels for this environment, by rule name. `image-digest-pinned` and `alb-https-redirect`
   * also decide whether the programs require a digest and HTTPS (see `requireDigest`, `requireHttps`).
   */
  readonly policyLevels: Readonly<Record<string, EnforcementLevel>>;
  /**
   * Time-boxed waivers, by rule name, for levels in `policyLevels` below mandatory that the level check asks one
   * for (in prod, the rules of PROTECTED_IN_PROD): written into config/<env>.json beside the level.
   */
  readonly levelExceptions?: Readonly<Record<string, Waiver>>;
  /**
   * Whether a pack config that sets no level at all is refused before planning (true) or only warned about:
   * such a file runs the pack on its built-in levels, not on `policyLevels`, and nothing else would say so.
   */
  readonly refuseConfigWithoutLevels: boolean;
  /**
   * How long an image must have run in the environment before this one, since the deployment that ran it and
   * passed its smoke test, before `npm run promote --from` brings it here.
   * @default 0 - no wait
   */
  readonly promotionSoakHours?: number;
  /**
   * How ECS deploys a service (`<service>:deployment` overrides it): `rolling`, or ECS's native `blue-green`,
   * which starts the new revision's full count beside the old, shifts the production listener rule to it at once,
   * and keeps the old one for `bakeTimeInMinutes` while the alarms watch (`<service>:bakeTimeInMinutes`).
   */
  readonly deployment: DeploymentProfile;
}

/** A rolling deploy, or a native blue/green one with the minutes ECS keeps the old revision after the shift. */
export type DeploymentProfile =
  { readonly strategy: "rolling" } | { readonly strategy: "blue-green"; readonly bakeTimeInMinutes: number };

/**
 * Rules this repository enforces everywhere. The pack ships some of them advisory by default for teams outside
 * this repository, whose own gate is stricter, so each environment's config states them.
 */
const MANDATORY_IN_EVERY_ENVIRONMENT = {
  "execution-role-managed-policies": "mandatory",
  "fargate-task-size": "mandatory",
  "container-logging": "mandatory",
  "no-secrets-in-environment": "mandatory",
  "separate-task-and-execution-roles": "mandatory",
  "no-public-ip": "mandatory",
  "kms-key-rotation": "mandatory",
  "ecs-trust-confused-deputy": "mandatory",
  "listener-rules-distinct": "mandatory",
  "container-read-only-root-filesystem": "mandatory",
  "container-non-root-user": "mandatory",
  "fargate-platform-version": "mandatory",
} as const satisfies Readonly<Record<string, EnforcementLevel>>;

/**
 * Public images the environments' services run without registry credentials: the whoami service's image, Traefik's
 * echo server on Docker Hub. A prefix with the repository's full name, so no other repository of the owner matches.
 */
const PUBLIC_IMAGES = ["docker.io/traefik/whoami@", "docker.io/traefik/whoami:"] as const;

const DEV = {
  natGateways: "single",
  desiredCount: 1,
  autoscaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 70 },
  logRetentionDays: 7,
  customerManagedKey: false,
  recoveryWindowInDays: 7,
  destroyProtection: false,
  publicImagePrefixes: PUBLIC_IMAGES,
  refuseConfigWithoutLevels: false,
  deployment: { strategy: "rolling" },
  policyLevels: {
    ...MANDATORY_IN_EVERY_ENVIRONMENT,
    "deployment-circuit-breaker": "advisory",
    "deployment-alarm-rollback": "advisory",
    "target-group-health-check": "advisory",
    "alb-https-redirect": "advisory",
    "image-digest-pinned": "advisory",
  },
} as const satisfies EnvironmentProfile;

/** Dev at a larger scale, with the service's rollout and health checks enforced: what is promoted to prod. */
const STAGING = {
  ...DEV,
  desiredCount: 2,
  autoscaling: { minCapacity: 2, maxCapacity: 4, cpuTargetPercent: 60 },
  logRetentionDays: 30,
  refuseConfigWithoutLevels: true,
  promotionSoakHours: 1,
  deployment: { strategy: "blue-green", bakeTimeInMinutes: 5 },
  policyLevels: {
    ...DEV.policyLevels,
    "deployment-circuit-breaker": "mandatory",
    "deployment-alarm-rollback": "mandatory",
    "target-group-health-check": "mandatory",
  },
} as const satisfies EnvironmentProfile;

/** One profile per environment, in promotion order. Adding an environment is one entry here plus its stack files. */
const PROFILES = {
  dev: DEV,
  staging: STAGING,
  prod: {
    natGateways: "one-per-az",
    desiredCount: 3,
    autoscaling: { minCapacity: 3, maxCapacity: 10, cpuTargetPercent: 50 },
    logRetentionDays: 365,
    customerManagedKey: true,
    recoveryWindowInDays: 30,
    destroyProtection: true,
    publicImagePrefixes: PUBLIC_IMAGES,
    refuseConfigWithoutLevels: true,
    promotionSoakHours: 24,
    deployment: { strategy: "blue-green", bakeTimeInMinutes: 15 },
    policyLevels: {
      ...MANDATORY_IN_EVERY_ENVIRONMENT,
      "deployment-circuit-breaker": "mandatory",
      "deployment-alarm-rollback": "mandatory",
      "target-group-health-check": "mandatory",
      "alb-https-redirect": "mandatory",
      "image-digest-pinned": "mandatory",
    },
  },
} as const satisfies Record<string, EnvironmentProfile>;

export type Environment = keyof typeof PROFILES;

export const ENVIRONMENT_PROFILES: Readonly<Record<Environment, EnvironmentProfile>> = PROFILES;

/** The environments every project has a stack for, in promotion order. */
export const ENVIRONMENTS = Object.keys(PROFILES) as readonly Environment[];

export function isEnvironment(value: string): value is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

/** A profile plus what the programs derive from its policy levels. */
export interface EnvironmentDefaults extends EnvironmentProfile {
  /** The pack makes `image-digest-pinned` mandatory, so the service refuses a tag before the pack would. */
  readonly requireDigest: boolean;
  /** The pack makes `alb-https-redirect` mandatory, so networking needs a certificate before the pack would. */
  readonly requireHttps: boolean;
}

function withDerivedRequirements(profile: EnvironmentProfile): EnvironmentDefaults {
  return {
    ...profile,
    requireDigest: profile.policyLevels["image-digest-pinned"] === "mandatory",
    requireHttps: profile.policyLevels["alb-https-redirect"] === "mandatory",
  };
}

/** An environment's program defaults: its profile and the requirements derived from it, read when called. */
export function environmentDefaults(env: Environment): EnvironmentDefaults {
  return withDerivedRequirements(ENVIRONMENT_PROFILES[env]);
}

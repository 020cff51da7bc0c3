/** The environments every project has a stack for, in promotion order. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: string): value is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

/** Where environments deliberately differ. Each project's schema takes its defaults from here. */
export interface EnvironmentDefaults {
  readonly natGateways: "single" | "one-per-az";
  readonly desiredCount: number;
  readonly autoscaling: { readonly minCapacity: number; readonly maxCapacity: number; readonly cpuTargetPercent: number };
  readonly logRetentionDays: number;
  readonly requireDigest: boolean;
  readonly requireHttps: boolean;
  readonly customerManagedKey: boolean;
  readonly recoveryWindowInDays: number;
}

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
  dev: {
    natGateways: "single",
    desiredCount: 1,
    autoscaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 70 },
    logRetentionDays: 7,
    requireDigest: false,
    requireHttps: false,
    customerManagedKey: false,
    recoveryWindowInDays: 7,
  },
  staging: {
    natGateways: "single",
    desiredCount: 2,
    autoscaling: { minCapacity: 2, maxCapacity: 4, cpuTargetPercent: 60 },
    logRetentionDays: 30,
    requireDigest: false,
    requireHttps: false,
    customerManagedKey: false,
    recoveryWindowInDays: 7,
  },
  prod: {
    natGateways: "one-per-az",
    desiredCount: 3,
    autoscaling: { minCapacity: 3, maxCapacity: 10, cpuTargetPercent: 50 },
    logRetentionDays: 365,
    requireDigest: true,
    requireHttps: true,
    customerManagedKey: true,
    recoveryWindowInDays: 30,
  },
};

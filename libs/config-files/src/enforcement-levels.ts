// The enforcement levels a policy pack config may set: @pulumi/policy's own `EnforcementLevel`, listed once so
// readers can check a value and name the choices. `satisfies` and `Exclude` below make the list and the SDK's
// type agree both ways: a level the SDK adds or drops fails the type check here.
import type { EnforcementLevel } from "@pulumi/policy";

export type { EnforcementLevel };

export const ENFORCEMENT_LEVELS = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
] as const satisfies readonly EnforcementLevel[];

/** Never anything but `never` while every SDK level is listed above. */
type Unlisted = Exclude<EnforcementLevel, (typeof ENFORCEMENT_LEVELS)[number]>;
const everyLevelListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyLevelListed;

export const isEnforcementLevel = (value: unknown): value is EnforcementLevel =>
  (ENFORCEMENT_LEVELS as readonly unknown[]).includes(value);

/** How much a level stops: `remediate` stops as `mandatory` does (it fixes first, then enforces). */
const STRENGTH: Record<EnforcementLevel, number> = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 };

/** Whether `level` stops less than `than`: `advisory` and `disabled` are below `mandatory`. */
export const isBelow = (level: EnforcementLevel, than: EnforcementLevel): boolean => STRENGTH[level] < STRENGTH[than];

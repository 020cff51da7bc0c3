// What a config that passed judgePackConfig waives, for the reports: the rules it lowers and the resources that
// rules skip, each with its reason and expiry, so a reviewer sees every waiver beside the plan.
import { isBelow, type EnforcementLevel } from "./enforcement-levels";
import type { PackConfig, PolicySetting } from "./pack-config-file";
import { LEVEL_EXCEPTION_KEY, RESOURCE_EXCEPTIONS_KEY } from "./waivers";
import type { Waiver } from "@platform/config/waiver";

export interface LoweredPolicy {
  readonly name: string;
  readonly from: EnforcementLevel;
  readonly to: EnforcementLevel;
  /** The reviewed, time-boxed waiver the config gives for it, if any. */
  readonly exception?: Waiver;
}

export interface SkippedResource extends Waiver {
  readonly policy: string;
  readonly urn: string;
}

const waiverOf = (raw: unknown): Waiver | undefined => {
  const { reason, expires } = (raw ?? {}) as Partial<Record<keyof Waiver, unknown>>;
  return typeof reason === "string" && typeof expires === "string" ? { reason, expires } : undefined;
};

const levelExceptionOf = (setting: PolicySetting | undefined): Waiver | undefined =>
  waiverOf(setting?.properties?.[LEVEL_EXCEPTION_KEY]);

/** The policies whose level the config sets below their default, `all` included, each with its exception. */
export function loweredPolicies(
  defaults: readonly { name: string; level: EnforcementLevel }[],
  { settings }: PackConfig,
): LoweredPolicy[] {
  return defaults.flatMap(({ name, level }) => {
    const to = settings[name]?.enforcementLevel ?? settings.all?.enforcementLevel;
    if (!to || !isBelow(to, level)) return [];
    const exception = levelExceptionOf(settings[name]);
    return [{ name, from: level, to, ...(exception ? { exception } : {}) }];
  });
}

/** Every resource a policy of the config skips, with its reason and expiry. */
export function skippedResources({ settings }: PackConfig): SkippedResource[] {
  return Object.entries(settings).flatMap(([policy, setting]) => {
    const list = setting.properties?.[RESOURCE_EXCEPTIONS_KEY];
    return (Array.isArray(list) ? list : []).flatMap((item: unknown) => {
      const waiver = waiverOf(item);
      const urn = (item as { urn?: unknown } | null)?.urn;
      return waiver && typeof urn === "string" ? [{ policy, urn, ...waiver }] : [];
    });
  });
}

/** `name (from → to)`, with the exception's expiry and reason when there is one. */
export const describeOneLowered = ({ name, from, to, exception }: LoweredPolicy): string =>
  `${name} (${from} → ${to}${exception ? `; exception until ${exception.expires}: ${exception.reason}` : ""})`;

export const describeLowered = (lowered: readonly LoweredPolicy[]): string =>
  lowered.map(describeOneLowered).join(", ");

/** `policy skips urn until expires: reason`. */
export const describeSkipped = ({ policy, urn, expires, reason }: SkippedResource): string =>
  `${policy} skips ${urn} until ${expires}: ${reason}`;

// Policy pack config files (`--policy-pack-config`, the pack's config/<env>.json), read once for both
// their readers: the offline plan, which sends them to any pack as the Pulumi CLI would, and the pack's
// scripts/check-config.ts. One reader means one answer on levels (the CLI's four, `remediate` included)
// and on an empty file (no settings, as the CLI reads it). What prod may lower is level-exceptions.ts.

export const POLICY_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const isPolicyLevel = (value: unknown): value is PolicyLevel => POLICY_LEVELS.includes(value as PolicyLevel);

/** The level a parsed config file gives a rule: its own, else `all`'s, else none (the rule's default). */
export function configuredLevel(doc: Record<string, unknown>, rule: string): PolicyLevel | undefined {
  const entry = doc[rule];
  const own =
    typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown } | undefined)?.enforcementLevel;
  const level = own ?? doc.all;
  return isPolicyLevel(level) ? level : undefined;
}

export interface PolicySetting {
  enforcementLevel?: PolicyLevel;
  properties?: Record<string, unknown>;
}

/** The file's JSON object; empty text is `{}`. Throws with the file named when it is not an object. */
export function parsePolicyConfigText(text: string, file: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `Policy pack config ${file} is not valid JSON: ${(err as Error).message}. Fix: correct the JSON, or leave the file empty for no settings.`,
    );
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new Error(
      `Policy pack config ${file} must be a JSON object of policy names to a level or to { "enforcementLevel", ...properties }.`,
    );
  }
  return doc as Record<string, unknown>;
}

/** Each entry as a level and properties; throws on a value that is neither a level nor an object. */
export function policySettings(doc: Record<string, unknown>, file: string): Record<string, PolicySetting> {
  const result: Record<string, PolicySetting> = {};
  for (const [policy, value] of Object.entries(doc)) {
    const where = `\`${policy}\` in ${file}`;
    if (typeof value === "string") {
      if (!isPolicyLevel(value))
        throw new Error(`${where} is "${value}", which is not an enforcement level: use ${POLICY_LEVELS.join(", ")}.`);
      result[policy] = { enforcementLevel: value };
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isPolicyLevel(enforcementLevel)) {
        throw new Error(
          `${where} has \`enforcementLevel: ${JSON.stringify(enforcementLevel)}\`: use ${POLICY_LEVELS.join(", ")}.`,
        );
      }
      result[policy] = {
        ...(enforcementLevel ? { enforcementLevel } : {}),
        ...(Object.keys(properties).length ? { properties } : {}),
      };
    } else {
      throw new Error(`${where} is ${JSON.stringify(value)}: it must be an enforcement level or an object.`);
    }
  }
  return result;
}

/** How much a level stops: `remediate` stops as `mandatory` does (it fixes first, then enforces). */
const STRENGTH: Record<PolicyLevel, number> = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 };

/** Whether `level` stops less than `than`: `advisory` and `disabled` are below `mandatory`. */
export const isBelow = (level: PolicyLevel, than: PolicyLevel): boolean => STRENGTH[level] < STRENGTH[than];

/**
 * The key of a rule's settings that waives its level for a time: `{ "reason": "...", "expires": "YYYY-MM-DD" }`.
 * Checked by level-exceptions.ts; prod needs one to lower a rule in PROTECTED_IN_PROD.
 */
export const LEVEL_EXCEPTION_KEY = "levelException";

export interface LevelException {
  readonly reason: string;
  readonly expires: string;
}

/** A rule's level exception when it has the right shape (whether it is valid is level-exceptions.ts's call). */
export function levelExceptionOf(setting: PolicySetting | undefined): LevelException | undefined {
  const raw = setting?.properties?.[LEVEL_EXCEPTION_KEY] as Partial<LevelException> | undefined;
  return typeof raw?.reason === "string" && typeof raw.expires === "string"
    ? { reason: raw.reason, expires: raw.expires }
    : undefined;
}

export interface LoweredPolicy {
  readonly name: string;
  readonly from: PolicyLevel;
  readonly to: PolicyLevel;
  /** The reviewed, time-boxed waiver the config gives for it, if any. */
  readonly exception?: LevelException;
}

/** The policies whose level the config sets below their default, `all` included, each with its exception. */
export function loweredPolicies(
  defaults: readonly { name: string; level: PolicyLevel }[],
  settings: Record<string, PolicySetting>,
): LoweredPolicy[] {
  return defaults.flatMap(({ name, level }) => {
    const to = settings[name]?.enforcementLevel ?? settings.all?.enforcementLevel;
    if (!to || !isBelow(to, level)) return [];
    const exception = levelExceptionOf(settings[name]);
    return [{ name, from: level, to, ...(exception ? { exception } : {}) }];
  });
}

/** `name (from → to)`, with the exception's expiry and reason when there is one. */
export const describeOneLowered = ({ name, from, to, exception }: LoweredPolicy): string =>
  `${name} (${from} → ${to}${exception ? `; exception until ${exception.expires}: ${exception.reason}` : ""})`;

export const describeLowered = (lowered: readonly LoweredPolicy[]): string =>
  lowered.map(describeOneLowered).join(", ");

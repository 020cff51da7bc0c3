// Policy pack config files (`--policy-pack-config`, the pack's config/<env>.json), read once for both
// their readers: the offline plan, which sends them to any pack as the Pulumi CLI would, and the pack's
// scripts/check-config.ts. One reader means one answer on levels (the CLI's four, `remediate` included)
// and on an empty file (no settings, as the CLI reads it).

export const POLICY_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const isPolicyLevel = (value: unknown): value is PolicyLevel => POLICY_LEVELS.includes(value as PolicyLevel);

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

export interface LoweredPolicy {
  readonly name: string;
  readonly from: PolicyLevel;
  readonly to: PolicyLevel;
}

/** The policies whose level the config sets below their default, `all` included. */
export function loweredPolicies(
  defaults: readonly { name: string; level: PolicyLevel }[],
  settings: Record<string, PolicySetting>,
): LoweredPolicy[] {
  return defaults.flatMap(({ name, level }) => {
    const to = settings[name]?.enforcementLevel ?? settings.all?.enforcementLevel;
    return to && STRENGTH[to] < STRENGTH[level] ? [{ name, from: level, to }] : [];
  });
}

export const describeLowered = (lowered: readonly LoweredPolicy[]): string =>
  lowered.map((l) => `${l.name} (${l.from} → ${l.to})`).join(", ");

/**
 * In prod, the rules that keep a private pull working and its secret least-privilege may not be disabled
 * or lowered. A resource that truly needs no check gets an exception with a reason instead, which
 * names that one resource and leaves the rule in force for every other.
 */
export function refusedLowerings(
  env: string,
  lowered: readonly LoweredPolicy[],
  protectedInProd: readonly string[],
  file: string,
): string[] {
  if (env !== "prod") return [];
  return lowered
    .filter((l) => protectedInProd.includes(l.name))
    .map(
      (l) =>
        `${file}: \`${l.name}\` is set to ${l.to} in prod, below its ${l.from} default; prod may not lower it. ` +
        `Fix: remove the level, and for a resource the rule must skip add "${l.name}": { "exceptions": [{ "urn": "<urn>", "reason": "<why>" }] }`,
    );
}

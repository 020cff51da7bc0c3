// What a policy pack config may waive, and on what terms: the one check that the offline plan runs before any
// program and the pack's scripts/check-config.ts runs before `pulumi preview --policy-pack-config`, so both
// accept and refuse the same files with the same lines. A waiver is a rule's lowered level (`levelException`) or
// one resource a rule skips (`exceptions`); each says why and runs out (@platform/config's waiverProblems, which
// the pack applies to what it is sent too). A file that sets no level at all is reported as well: the pack would
// then run on its built-in levels, not on the environment profile's.
import { ENVIRONMENT_PROFILES, isEnvironment } from "@platform/config/environments";
import { addDays, waiverProblems } from "@platform/config/waiver";
import { isBelow, type EnforcementLevel } from "./enforcement-levels";
import { configuredLevel, setsAnyLevel, type PackConfig } from "./pack-config-file";

/** The key of a rule's settings that lowers its level for a time: `{ "reason": "...", "expires": "YYYY-MM-DD" }`. */
export const LEVEL_EXCEPTION_KEY = "levelException";
/** The key of a rule's settings that lists resources it skips: `[{ "urn", "reason", "expires" }]`. */
export const RESOURCE_EXCEPTIONS_KEY = "exceptions";

/**
 * The rules a private pull and its secret's least privilege depend on, and the two that keep the execution role to
 * what ECS needs: prod lowers them only under an exception.
 */
export const PROTECTED_IN_PROD = [
  "private-image-credentials",
  "registry-credentials-secret-arn",
  "secret-access-least-privilege",
  "execution-role-least-privilege",
  "execution-role-no-privilege-escalation",
] as const;

const example = (today: string) =>
  `"reason": "<why, for the reviewer, and what ends it>", "expires": "${addDays(today, 30)}"`;

/** A complete settings entry that lowers `rule` under a valid exception: what every Fix shows. */
export const levelExceptionExample = (rule: string, level: EnforcementLevel, today: string): string =>
  `"${rule}": { "enforcementLevel": "${level === "disabled" ? "disabled" : "advisory"}", ` +
  `"${LEVEL_EXCEPTION_KEY}": { ${example(today)} } }`;

/** A resource exception that passes: what its Fix shows. */
export const resourceExceptionExample = (urn: string, today: string): string =>
  `{ "urn": "${urn}", ${example(today)} }`;

export interface PackConfigVerdict {
  /** Each refuses the file: the plan exits 2 before any program runs, check-config.ts exits 1. */
  readonly errors: string[];
  /** Printed, and the file is used. */
  readonly warnings: string[];
}

/**
 * Everything the waivers of a config file and its levels get wrong for the environment `env`, judged on the day
 * `today` (YYYY-MM-DD). Each message starts with the file and names the key, the value, what is allowed and a Fix.
 */
/**
 * `profileLevels`: whether the environment profiles' `policyLevels` are this pack's levels. They are
 * fargate-guard's (its config/<env>.json is generated from them); another pack's config is not held to them.
 */
export function judgePackConfig(
  config: PackConfig,
  env: string,
  today: string,
  { profileLevels = true }: { profileLevels?: boolean } = {},
): PackConfigVerdict {
  const errors: string[] = [];
  const covered = new Set<string>();
  for (const [rule, entry] of Object.entries(config.doc)) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    const settings = entry as Record<string, unknown>;
    if (LEVEL_EXCEPTION_KEY in settings) {
      errors.push(...levelExceptionProblems(config, rule, settings[LEVEL_EXCEPTION_KEY], today));
      covered.add(rule);
    }
    errors.push(...resourceExceptionProblems(rule, settings[RESOURCE_EXCEPTIONS_KEY], today));
  }
  if (env === "prod") errors.push(...unwaivedInProd(config, covered, today));
  const withFile = (problems: string[]) => problems.map((problem) => `${config.file}: ${problem}`);
  const levels = profileLevels ? missingLevels(config, env) : { refuse: false, problems: [] };
  return levels.refuse
    ? { errors: withFile([...errors, ...levels.problems]), warnings: [] }
    : { errors: withFile(errors), warnings: withFile(levels.problems) };
}

function levelExceptionProblems(config: PackConfig, rule: string, raw: unknown, today: string): string[] {
  const at = `${rule}.${LEVEL_EXCEPTION_KEY}`;
  const fix = `Fix: ${levelExceptionExample(rule, "advisory", today)}`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return [`\`${at}\` is ${JSON.stringify(raw)}; it must be an object { "reason", "expires" }. ${fix}`];
  }
  const { reason: _reason, expires: _expires, ...unknown } = raw as Record<string, unknown>;
  const problems = [
    ...Object.keys(unknown).map(
      (name) => `\`${at}\` has the unknown key \`${name}\`; allowed: \`reason\`, \`expires\`.`,
    ),
    ...waiverProblems(raw as Record<string, unknown>, at, today),
  ].map((problem) => `${problem} ${fix}`);
  const level = configuredLevel(config.doc, rule);
  if (!problems.length && (level === undefined || !isBelow(level, "mandatory"))) {
    problems.push(
      `\`${at}\` waives nothing: the file leaves \`${rule}\` at ${level ?? "its default level"}, and an exception ` +
        `is only for a level below mandatory. Fix: remove "${LEVEL_EXCEPTION_KEY}" from "${rule}", or set the level ` +
        `it waives: ${levelExceptionExample(rule, "advisory", today)}`,
    );
  }
  return problems;
}

function resourceExceptionProblems(rule: string, raw: unknown, today: string): string[] {
  if (raw === undefined) return [];
  const at = `${rule}.${RESOURCE_EXCEPTIONS_KEY}`;
  const fix = (urn: string) => `Fix: "${RESOURCE_EXCEPTIONS_KEY}": [${resourceExceptionExample(urn, today)}]`;
  if (!Array.isArray(raw)) {
    return [
      `\`${at}\` is ${JSON.stringify(raw)}; it must be a list of { "urn", "reason", "expires" }. ${fix("<urn>")}`,
    ];
  }
  return raw.flatMap((item: unknown, i) => {
    const here = `${at}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return [
        `\`${here}\` is ${JSON.stringify(item)}; it must be an object { "urn", "reason", "expires" }. ${fix("<urn>")}`,
      ];
    }
    const { urn } = item as Record<string, unknown>;
    const shown = typeof urn === "string" && urn ? urn : "<urn>";
    const problems =
      typeof urn === "string" && urn
        ? []
        : [
            `\`${here}.urn\` is ${urn === undefined ? "missing" : JSON.stringify(urn)}; it must be the URN of the resource the rule skips.`,
          ];
    problems.push(...waiverProblems(item as Record<string, unknown>, here, today));
    return problems.map((problem) => `${problem} ${fix(shown)}`);
  });
}

/** Each rule of PROTECTED_IN_PROD that the file lowers with no level exception. */
function unwaivedInProd(config: PackConfig, covered: ReadonlySet<string>, today: string): string[] {
  return PROTECTED_IN_PROD.flatMap((rule) => {
    const level = configuredLevel(config.doc, rule);
    if (!level || !isBelow(level, "mandatory") || covered.has(rule)) return [];
    return [
      `\`${rule}\` is ${level} in prod (got "${level}"${config.doc[rule] === undefined ? ", from `all`" : ""}), ` +
        `and prod keeps it mandatory unless a \`${LEVEL_EXCEPTION_KEY}\` with a reason and an expiry date covers it. ` +
        `Fix: remove the level; or, for one resource, add "${RESOURCE_EXCEPTIONS_KEY}": ` +
        `[${resourceExceptionExample("<urn>", today)}]; or, to lower the whole rule for a time, ` +
        levelExceptionExample(rule, level, today),
    ];
  });
}

/** A file that sets no level for an environment whose profile sets some: refused or warned, as the profile says. */
function missingLevels(config: PackConfig, env: string): { refuse: boolean; problems: string[] } {
  if (!isEnvironment(env)) return { refuse: false, problems: [] };
  const profile = ENVIRONMENT_PROFILES[env];
  const expected = Object.entries(profile.policyLevels);
  if (!expected.length || setsAnyLevel(config)) return { refuse: false, problems: [] };
  return {
    refuse: profile.refuseConfigWithoutLevels,
    problems: [
      `sets no enforcement level, so the pack runs on its built-in levels instead of the ${env} profile's ` +
        `(${expected.map(([rule, level]) => `${rule}: ${level}`).join(", ")}). ` +
        `Fix: pass the generated policies/fargate-guard/config/${env}.json (or leave --policy-pack-config out), ` +
        `or set the levels the profile expects in this file.`,
    ],
  };
}

// What a policy config may lower, and on what terms: the one check the offline plan runs before any program
// and the pack's scripts/check-config.ts runs before `pulumi preview --policy-pack-config`, so both accept and
// refuse the same files. Lowering a rule's level is a waiver of the whole rule, so it is written down where a
// reviewer sees it (the config file, in the pull request), says why, and runs out: an expired waiver refuses
// the file until someone renews it on purpose or restores the level.
import { configuredLevel, isBelow, LEVEL_EXCEPTION_KEY, type PolicyLevel } from "./policy-config-file";

/** The rules a private pull and its secret's least privilege depend on: prod lowers them only under an exception. */
export const PROTECTED_IN_PROD = [
  "private-image-credentials",
  "registry-credentials-secret-arn",
  "secret-access-least-privilege",
] as const;

/** The longest a level exception may run from the day it is checked: a waiver is reviewed again within this. */
export const MAX_LEVEL_EXCEPTION_DAYS = 90;

/** The day in UTC as YYYY-MM-DD, the form `expires` takes. The check takes it as an argument: tests set it. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

const addDays = (day: string, days: number): string =>
  todayUtc(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

/** A real calendar day written YYYY-MM-DD (`2027-02-30` is not one). */
const isDay = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;

/** A complete settings entry that lowers `rule` under a valid exception: what every Fix shows. */
export const levelExceptionExample = (rule: string, level: PolicyLevel, today: string): string =>
  `"${rule}": { "enforcementLevel": "${level === "disabled" ? "disabled" : "advisory"}", "${LEVEL_EXCEPTION_KEY}": ` +
  `{ "reason": "<why this rule may not stop a deploy, and what ends that>", "expires": "${addDays(today, 30)}" } }`;

/**
 * Every problem with the level exceptions of a parsed `--policy-pack-config` document, and every rule of
 * PROTECTED_IN_PROD that a prod file lowers without one. `env` is the environment the file configures;
 * `today` (YYYY-MM-DD, see todayUtc) decides what has expired. Each message names the file, the key, the
 * value, what is allowed and a Fix.
 */
export function levelExceptionErrors(doc: Record<string, unknown>, file: string, env: string, today: string): string[] {
  const errors: string[] = [];
  const covered = new Set<string>();
  for (const [rule, entry] of Object.entries(doc)) {
    if (typeof entry !== "object" || entry === null || !(LEVEL_EXCEPTION_KEY in entry)) continue;
    const problems = exceptionProblems(rule, (entry as Record<string, unknown>)[LEVEL_EXCEPTION_KEY], today);
    const level = configuredLevel(doc, rule);
    if (!problems.length && (level === undefined || !isBelow(level, "mandatory"))) {
      problems.push(
        `\`${rule}.${LEVEL_EXCEPTION_KEY}\` waives nothing: the file leaves \`${rule}\` at ` +
          `${level ?? "its default level"}, and an exception is only for a level below mandatory. ` +
          `Fix: remove "${LEVEL_EXCEPTION_KEY}" from "${rule}", ` +
          `or set the level it waives: ${levelExceptionExample(rule, "advisory", today)}`,
      );
    }
    errors.push(...problems.map((problem) => `${file}: ${problem}`));
    covered.add(rule);
  }
  if (env !== "prod") return errors;
  for (const rule of PROTECTED_IN_PROD) {
    const level = configuredLevel(doc, rule);
    if (!level || !isBelow(level, "mandatory") || covered.has(rule)) continue;
    errors.push(
      `${file}: \`${rule}\` is ${level} in prod (got "${level}"${doc[rule] === undefined ? ", from `all`" : ""}), ` +
        `and prod ` +
        `keeps it mandatory unless a \`${LEVEL_EXCEPTION_KEY}\` with a reason and an expiry date covers it. ` +
        `Fix: remove the level; or, for one resource, add "exceptions": [{ "urn": "<urn>", "reason": "<why>" }]; ` +
        `or, to lower the whole rule for a time, ${levelExceptionExample(rule, level, today)}`,
    );
  }
  return errors;
}

/** What is wrong with one rule's `levelException` value, as messages without the file. */
function exceptionProblems(rule: string, raw: unknown, today: string): string[] {
  const key = `\`${rule}.${LEVEL_EXCEPTION_KEY}\``;
  const fix = `Fix: ${levelExceptionExample(rule, "advisory", today)}`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return [`${key} is ${JSON.stringify(raw)}; it must be an object { "reason", "expires" }. ${fix}`];
  }
  const { reason, expires, ...unknown } = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of Object.keys(unknown)) {
    problems.push(`${key} has the unknown key \`${name}\`; allowed: \`reason\`, \`expires\`. ${fix}`);
  }
  if (typeof reason !== "string" || reason.trim() === "") {
    problems.push(
      `\`${rule}.${LEVEL_EXCEPTION_KEY}.reason\` is ${reason === undefined ? "missing" : JSON.stringify(reason)}; ` +
        `it must be a non-empty text saying why the rule may run below mandatory, for the reviewer. ${fix}`,
    );
  }
  const latest = addDays(today, MAX_LEVEL_EXCEPTION_DAYS);
  const allowed = `a date YYYY-MM-DD from today (${today}) to ${MAX_LEVEL_EXCEPTION_DAYS} days ahead (${latest})`;
  const at = `\`${rule}.${LEVEL_EXCEPTION_KEY}.expires\``;
  if (typeof expires !== "string" || !isDay(expires)) {
    const got = expires === undefined ? "missing" : JSON.stringify(expires);
    problems.push(`${at} is ${got}, which is not a date; it must be ${allowed}. ${fix}`);
  } else if (expires < today) {
    problems.push(
      `${at} is "${expires}": the exception expired on ${expires}, so \`${rule}\` is back at its default level. ` +
        `Restore the level, or renew the exception after review with ${allowed}. ${fix}`,
    );
  } else if (expires > latest) {
    problems.push(
      `${at} is "${expires}", more than ${MAX_LEVEL_EXCEPTION_DAYS} days ahead; it must be ${allowed}. ${fix}`,
    );
  }
  return problems;
}

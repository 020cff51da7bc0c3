// A waiver (a rule's lowered level, or one resource a rule skips) says why and runs out: a reviewer reads the
// reason in the pull request, and an expired waiver stops applying until someone renews it on purpose. The
// pack judges the waivers it is sent with this code, and the tools judge a config file with it before any
// program runs, so both accept and refuse the same waivers.

/** What every waiver carries: why the rule may be set aside, and the last day that holds (YYYY-MM-DD). */
export interface Waiver {
  readonly reason: string;
  readonly expires: string;
}

/** The longest a waiver may run from the day it is checked: it is reviewed again within this. */
export const MAX_WAIVER_DAYS = 90;

/** The day in UTC as YYYY-MM-DD, the form `expires` takes. Checks take it as an argument: tests set it. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string =>
  todayUtc(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

/** A real calendar day written YYYY-MM-DD (`2027-02-30` is not one). */
const isDay = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;

/**
 * What is wrong with a waiver's `reason` and `expires`, one sentence each, naming `at` (the waiver's key path,
 * e.g. `image-digest-pinned.exceptions[0]`), the value and what is allowed; the caller adds the Fix.
 */
export function waiverProblems(waiver: Readonly<Record<string, unknown>>, at: string, today: string): string[] {
  const { reason, expires } = waiver;
  const problems: string[] = [];
  if (typeof reason !== "string" || reason.trim() === "") {
    problems.push(
      `\`${at}.reason\` is ${reason === undefined ? "missing" : JSON.stringify(reason)}; ` +
        `it must be a non-empty text saying why the rule may be set aside, for the reviewer.`,
    );
  }
  const latest = addDays(today, MAX_WAIVER_DAYS);
  const allowed = `a date YYYY-MM-DD from today (${today}) to ${MAX_WAIVER_DAYS} days ahead (${latest})`;
  if (typeof expires !== "string" || !isDay(expires)) {
    const got = expires === undefined ? "missing" : JSON.stringify(expires);
    problems.push(`\`${at}.expires\` is ${got}, which is not a date; it must be ${allowed}.`);
  } else if (expires < today) {
    problems.push(
      `\`${at}.expires\` is "${expires}": the exception expired on ${expires}, so it no longer applies. ` +
        `Remove it, or renew it after review with ${allowed}.`,
    );
  } else if (expires > latest) {
    problems.push(`\`${at}.expires\` is "${expires}", more than ${MAX_WAIVER_DAYS} days ahead; it must be ${allowed}.`);
  }
  return problems;
}

/** One line of the preflight: a check, whether it passed, and why (never a secret value). */
export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do about a failure, or a warning. */
  readonly fix?: string;
  /** Passed, but needs doing soon (a token that expires within the threshold). */
  readonly warning?: true;
}

export const pass = (check: string, detail: string): CheckResult => ({ check, ok: true, detail });
export const fail = (check: string, detail: string, fix: string): CheckResult => ({ check, ok: false, detail, fix });
export const warn = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  ok: true,
  detail,
  fix,
  warning: true,
});

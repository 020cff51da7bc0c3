import { renderFix, type Fix } from "./fix";
import { looksLikeToken, SECRET_NOT_SHOWN } from "./secret-values";

/** One thing wrong with a stack's configuration, with everything needed to fix it. */
export interface ConfigIssue {
  /** Full key, e.g. `service:memory`. */
  readonly key: string;
  /** The value received; undefined when the key is missing. */
  readonly value: unknown;
  /** What went wrong and what is allowed, as a sentence. */
  readonly problem: string;
  /** How to fix it, as data: the message renders it (usually the exact `pulumi config set` command). */
  readonly fix: Fix;
}

/**
 * Raised before any resource is declared when a stack's config is invalid. It lists every issue at once,
 * so one run tells the user everything to fix.
 */
export class ConfigError extends Error {
  constructor(
    readonly stackFile: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatIssues(stackFile, issues));
    this.name = "ConfigError";
  }
}

export function showValue(value: unknown): string {
  if (value === undefined) return "not set";
  // Never repeat a value that may be a credential, in any output (text, JSON, Markdown all use this).
  if (looksLikeToken(value)) return SECRET_NOT_SHOWN;
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}

function formatIssues(stackFile: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const got = i.value === undefined ? `\`${i.key}\` is not set` : `\`${i.key}\` is ${showValue(i.value)}`;
    return `  - ${got} in ${stackFile}: ${i.problem}\n    Fix: ${renderFix(i.fix)}`;
  });
  return `Invalid configuration in ${stackFile} (${issues.length} ${issues.length === 1 ? "problem" : "problems"}):\n${lines.join("\n")}`;
}

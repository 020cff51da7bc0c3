import type { Finding } from "./driver";

/**
 * The one finding a non-compliant fixture must produce. Fails, showing every finding, when the
 * fixture produced none, several, or one from another rule: each non-compliant fixture violates
 * only the rule under test.
 */
export function onlyFinding(findings: readonly Finding[], ruleName: string): Finding {
  const [first, ...rest] = findings;
  if (first === undefined || rest.length > 0 || first.policyName !== ruleName) {
    const shown =
      findings.map((f) => `  ${f.policyName} [${f.enforcementLevel}]: ${f.detail}`).join("\n") || "  (none)";
    throw new Error(`Expected exactly one finding from ${ruleName}, got:\n${shown}`);
  }
  return first;
}

/** Findings as "rule: detail" lines, for readable equality checks. */
export const summarize = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.policyName}: ${f.detail}`);

/** The findings of one rule, as "detail" lines (for cases several rules legitimately report, like unknowns). */
export const detailsOf = (findings: readonly Finding[], ruleName: string): string[] =>
  findings.filter((f) => f.policyName === ruleName).map((f) => `[${f.enforcementLevel}] ${f.detail}`);

import type { CheckResult } from "./checks/result";

/** One line per check, as a person reads it in a terminal or a CI log. */
export function textReport(env: string, results: readonly CheckResult[]): string {
  const lines = results.map(
    (r) => `${r.ok ? "PASS" : "FAIL"}  ${r.check}: ${r.detail}${r.fix ? `\n      Fix: ${r.fix}` : ""}`,
  );
  const failed = results.filter((r) => !r.ok).length;
  const verdict =
    failed === 0
      ? `Preflight for ${env} passed: ${results.length} checks. \`pulumi up\` can pull the image.`
      : `Preflight for ${env} failed: ${failed} of ${results.length} checks. Fix them before \`pulumi up\`.`;
  return [...lines, verdict].join("\n") + "\n";
}

export function jsonReport(env: string, results: readonly CheckResult[]): string {
  return JSON.stringify({ env, ok: results.every((r) => r.ok), checks: results }, null, 2) + "\n";
}

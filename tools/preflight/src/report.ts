import type { CheckResult } from "./checks/result";
import type { StackInputs } from "./stack-inputs";

/** Which stacks a report is about: the service's, with the stacks it reads, in one environment. */
type Subject = Pick<StackInputs, "env" | "service">;

/** One line per check, as a person reads it in a terminal or a CI log. */
export function textReport(
  { env, service }: Subject,
  results: readonly CheckResult[],
  scope: "full" | "token" = "full",
): string {
  const lines = results.map(
    (r) =>
      `${r.ok ? (r.warning ? "WARN" : "PASS") : "FAIL"}  ${r.check}: ${r.detail}${r.fix ? `\n      Fix: ${r.fix}` : ""}`,
  );
  const failed = results.filter((r) => !r.ok).length;
  const verdict =
    scope === "token"
      ? `Registry token of ${service} for ${env}: ${failed === 0 ? "valid" : "not usable"}.`
      : failed === 0
        ? `Preflight of ${service} for ${env} passed: ${results.length} checks. \`pulumi up\` can pull the image.`
        : `Preflight of ${service} for ${env} failed: ${failed} of ${results.length} checks. Fix them before \`pulumi up\`.`;
  return [...lines, verdict].join("\n") + "\n";
}

export function jsonReport({ env, service }: Subject, results: readonly CheckResult[]): string {
  return JSON.stringify({ env, service, ok: results.every((r) => r.ok), checks: results }, null, 2) + "\n";
}

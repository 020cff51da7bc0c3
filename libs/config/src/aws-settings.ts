// The two AWS provider settings every stack file must pin: the region, and the accounts it may deploy to
// (`aws:allowedAccountIds`, so prod config is never applied with dev credentials).
import { Region } from "@pulumi/aws/types/enums";
import { showValue } from "./errors";
import { nearest } from "./nearest";
import { shownSafely } from "./secret-values";

/** Every region the pinned @pulumi/aws knows, from its own `Region` enum (no SDK load). */
export const AWS_REGIONS: readonly string[] = Object.values(Region as Record<string, string>).sort();

export interface SettingProblem {
  readonly key: string;
  readonly message: string;
  /** A warning lets the plan run (dev); an error stops the stack. */
  readonly severity: "error" | "warning";
}

/**
 * Environments where a missing region or account list stops the plan: those that deploy for real. In dev,
 * and in environments outside this repository's (a public example's `example` stack), it is a warning.
 */
const STRICT_ENVIRONMENTS = ["staging", "prod"];

/**
 * Checks `aws:region` and `aws:allowedAccountIds` as the CLI passes them (lists as JSON text).
 * `stackFile` names the file in messages.
 */
export function checkAwsSettings(
  values: Readonly<Record<string, string>>,
  env: string,
  stackFile: string,
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const region = values["aws:region"];
  const accounts = values["aws:allowedAccountIds"];
  const missing = STRICT_ENVIRONMENTS.includes(env) ? "error" : "warning";

  if (region === undefined) {
    problems.push({
      key: "aws:region",
      severity: missing,
      message: `\`aws:region\` is not set in ${stackFile}: ${env} must say which region it deploys to. Fix: add \`aws:region: <region>\` under \`config:\` in ${stackFile}, with the region its resources belong in.`,
    });
  } else if (!AWS_REGIONS.includes(region)) {
    const match = nearest(region, AWS_REGIONS);
    problems.push({
      key: "aws:region",
      severity: "error",
      message:
        `\`aws:region\` is ${showValue(region)} in ${stackFile}: expected a region @pulumi/aws knows, such as eu-central-1 or us-east-1.` +
        (match
          ? ` Did you mean \`${match}\`? Fix: set \`aws:region: ${match}\` in ${stackFile}.`
          : ` Fix: set \`aws:region\` in ${stackFile} to the region its resources belong in.`),
    });
  }

  const accountsFix = `set \`aws:allowedAccountIds\` in ${stackFile} to a list of quoted 12-digit account IDs, e.g. aws:allowedAccountIds: ["123456789012"]`;
  if (accounts === undefined) {
    problems.push({
      key: "aws:allowedAccountIds",
      severity: missing,
      message: `\`aws:allowedAccountIds\` is not set in ${stackFile}: without it, ${env}'s config could be applied with another account's credentials. Fix: ${accountsFix}`,
    });
  } else {
    const wrong = allowedAccountsProblem(accounts);
    if (wrong) {
      problems.push({
        key: "aws:allowedAccountIds",
        severity: "error",
        message: `\`aws:allowedAccountIds\` is ${String(shownSafely(accounts))} in ${stackFile}: ${wrong} Fix: ${accountsFix}`,
      });
    }
  }
  return problems;
}

function allowedAccountsProblem(text: string): string | undefined {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return "expected a list, got a single value.";
  }
  if (!Array.isArray(list)) return "expected a list, got a single value.";
  if (list.length === 0) return "expected a non-empty list of account IDs.";
  const bad = list.filter((id) => typeof id !== "string" || !/^\d{12}$/.test(id));
  if (!bad.length) return undefined;
  const numbers = bad.some((id) => typeof id === "number");
  return `each account ID must be a string of exactly 12 digits${numbers ? " in quotes (YAML reads an unquoted number, which drops leading zeros)" : ""}; ${bad.map(showValue).join(", ")} ${bad.length === 1 ? "is" : "are"} not.`;
}

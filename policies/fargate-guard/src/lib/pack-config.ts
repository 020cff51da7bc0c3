import { levelExceptionErrors, PROTECTED_IN_PROD, todayUtc } from "@platform/config/level-exceptions";
import {
  configuredLevel,
  LEVEL_EXCEPTION_KEY,
  loweredPolicies,
  POLICY_LEVELS,
  policySettings,
} from "@platform/config/policy-config-file";
import { z } from "zod";
import { allRules } from "../rules";
import { describeIssues } from "./rule-config";

/**
 * Levels a config file may set: the CLI's, as the offline plan accepts them (one list, in @platform/config).
 * The pack has no remediations, so `remediate` enforces as `mandatory` does.
 */
export const CONFIG_LEVELS = POLICY_LEVELS;

/** The rules a private pull depends on: prod lowers them only under a level exception (@platform/config). */
export const PROD_PROTECTED_RULES = PROTECTED_IN_PROD;
const levelSchema = z.enum(CONFIG_LEVELS);

export type PackConfigCheck = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Validate a `--policy-pack-config` file before the CLI sends it. The engine itself passes unknown
 * policy names through silently and checks only the types of known ones (ReconcilePolicyPackConfig),
 * so a misspelt rule would switch nothing on or off without a word. Each error names the file, the
 * key, the value, what is allowed and how to fix it. Level exceptions, and what prod may lower, are judged by
 * levelExceptionErrors (@platform/config), which the offline plan runs too: both accept and refuse the same files.
 */
export function checkPackConfig(config: unknown, file: string, env?: string, today = todayUtc()): PackConfigCheck {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    return {
      ok: false,
      errors: [
        `${file}: must be a JSON object mapping rule names to a level or to settings, got ${JSON.stringify(config)}`,
      ],
    };
  }
  const rules = new Map(allRules.map((rule) => [rule.name, rule]));
  const ruleNames = [...rules.keys()];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key === "all") {
      if (!levelSchema.safeParse(value).success)
        errors.push(`${file}: \`all\` is ${JSON.stringify(value)}; use one of ${CONFIG_LEVELS.join(", ")}`);
      continue;
    }
    const rule = rules.get(key);
    if (rule === undefined) {
      errors.push(
        `${file}: \`${key}\` is not a rule of fargate-guard; use one of ${ruleNames.join(", ")} (or \`all\`), see policies/fargate-guard/RULES.md`,
      );
      continue;
    }
    if (typeof value === "string") {
      if (!levelSchema.safeParse(value).success) {
        errors.push(`${file}: \`${key}\` is ${JSON.stringify(value)}; a level is one of ${CONFIG_LEVELS.join(", ")}`);
      }
      continue;
    }
    const entrySchema = rule.configParser.extend({ enforcementLevel: levelSchema.optional() });
    // The level exception is levelExceptionErrors' to judge, with the same words as in the plan.
    const parsed = entrySchema.safeParse(withoutLevelException(value));
    if (!parsed.success) {
      const allowed = Object.keys(entrySchema.shape);
      errors.push(
        ...describeIssues(parsed.error.issues, value, allowed).map((issue) => `${file}: \`${key}\` ${issue}`),
      );
      continue;
    }
    for (const exception of (parsed.data as { exceptions: Array<{ urn: string; reason?: string }> }).exceptions) {
      if ((exception.reason ?? "").trim() === "") {
        errors.push(
          `${file}: \`${key}\` has an exception for \`${exception.urn}\` without a reason; add "reason": "<why the rule does not apply>"`,
        );
      }
    }
  }
  errors.push(...levelExceptionErrors(config as Record<string, unknown>, file, env ?? "", today));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function withoutLevelException(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const rest: Record<string, unknown> = { ...value };
  delete rest[LEVEL_EXCEPTION_KEY];
  return rest;
}

/** The rules a (checked) config disables or sets below their default, each with its level exception. */
export function loweredRules(config: Record<string, unknown>) {
  const settings = policySettings(config, "(checked config)");
  return loweredPolicies(
    allRules.map((r) => ({ name: r.name, level: r.metadata.enforcementLevel })),
    settings,
  );
}

/** The level a config file sets for a rule, or undefined when it leaves the rule's default (one reader, in libs). */
export { configuredLevel };

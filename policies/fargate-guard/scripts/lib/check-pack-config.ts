// What only this pack can check in a `--policy-pack-config` file: that each key is one of its rules and that each
// rule's settings fit that rule's schema. The engine passes unknown policy names through silently and checks only
// the types of known ones (ReconcilePolicyPackConfig), so a misspelt rule would switch nothing on or off without a
// word. Reading the file, its levels and its waivers are @platform/config-files' (the offline plan's reader and
// judge), so both accept and refuse the same files with the same lines.
import { todayUtc } from "@platform/config/waiver";
import { ENFORCEMENT_LEVELS } from "@platform/config-files/enforcement-levels";
import type { PackConfig } from "@platform/config-files/pack-config-file";
import { loweredPolicies } from "@platform/config-files/waiver-report";
import { judgePackConfig, LEVEL_EXCEPTION_KEY, RESOURCE_EXCEPTIONS_KEY } from "@platform/config-files/waivers";
import { z } from "zod";
import { allRules } from "../../src/rules";
import { describeIssues } from "../../src/lib/rule-config";

const levelSchema = z.enum(ENFORCEMENT_LEVELS);

export interface PackConfigCheck {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Every error and warning for `config` as the configuration of environment `env` on the day `today`. */
export function checkPackConfig(config: PackConfig, env: string, today = todayUtc()): PackConfigCheck {
  const { file, doc } = config;
  const rules = new Map(allRules.map((rule) => [rule.name, rule]));
  const errors: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === "all") continue; // a level, already checked by the reader
    const rule = rules.get(key);
    if (rule === undefined) {
      errors.push(
        `${file}: \`${key}\` is not a rule of fargate-guard; use one of ${[...rules.keys()].join(", ")} (or \`all\`), see policies/fargate-guard/RULES.md`,
      );
      continue;
    }
    if (typeof value === "string") continue; // a level, already checked by the reader
    const entrySchema = rule.configParser.extend({ enforcementLevel: levelSchema.optional() });
    // Waivers are judgePackConfig's to judge, with the same words as in the plan.
    const parsed = entrySchema.safeParse(withoutWaivers(value));
    if (!parsed.success) {
      const allowed = Object.keys(entrySchema.shape);
      errors.push(
        ...describeIssues(parsed.error.issues, value, allowed).map((issue) => `${file}: \`${key}\` ${issue}`),
      );
    }
  }
  const verdict = judgePackConfig(config, env, today);
  return { errors: [...errors, ...verdict.errors], warnings: verdict.warnings };
}

function withoutWaivers(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const rest: Record<string, unknown> = { ...value };
  delete rest[LEVEL_EXCEPTION_KEY];
  delete rest[RESOURCE_EXCEPTIONS_KEY];
  return rest;
}

/** The rules a (checked) config disables or sets below their default, each with its level exception. */
export const loweredRules = (config: PackConfig) =>
  loweredPolicies(
    allRules.map((r) => ({ name: r.name, level: r.metadata.enforcementLevel })),
    config,
  );

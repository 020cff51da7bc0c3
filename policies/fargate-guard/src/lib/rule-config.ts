import { z } from "zod";
import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * An exception waives one rule for one resource. Its reason and expiry are optional in the schema on purpose:
 * an exception without them (or past its date) is reported as a violation by the rule itself and not applied
 * (the cdk-nag acknowledgement model), instead of failing the whole run as a config error. The tools refuse such
 * a file before the CLI runs (@platform/config-files' judgePackConfig), with the same waiverProblems.
 */
export const exceptionSchema = z.strictObject({
  urn: z.string().min(1).describe("URN of the resource the rule does not apply to"),
  reason: z.string().optional().describe("Why the rule does not apply; required"),
  expires: z
    .string()
    .optional()
    .describe("The last day the exception holds, YYYY-MM-DD, at most 90 days ahead; required"),
});
export type RuleException = z.infer<typeof exceptionSchema>;

/**
 * A time-boxed waiver of the rule's level, for the engine's schema, so `pulumi preview --policy-pack-config`
 * sends it. Whether it is valid (a reason, a date not past and at most 90 days ahead, a level it waives) and
 * what prod needs one for is decided before the CLI runs, in @platform/config-files' judgePackConfig, which
 * scripts/check-config.ts and the offline plan share.
 */
export const levelExceptionSchema = z
  .strictObject({
    reason: z.string().min(1).describe("Why the rule may run below mandatory, for the reviewer"),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe("The last day the lower level holds, YYYY-MM-DD"),
  })
  .describe("Lowers this rule's level until a date, with a reason (required for the registry rules in prod)");

/** Every rule's config: its own options plus `exceptions` and `levelException`. */
export function ruleConfigSchema<S extends z.ZodRawShape>(options: S) {
  return z.strictObject({
    ...options,
    exceptions: z.array(exceptionSchema).default([]).describe("Resources this rule skips, each with a reason"),
    levelException: levelExceptionSchema.optional(),
  });
}

/** The shape the engine takes as a policy's `configSchema`, derived from the zod schema. */
export function toPolicyConfigSchema(schema: z.ZodObject): PolicyConfigSchema {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties?: PolicyConfigSchema["properties"] };
  return { properties: json.properties ?? {} };
}

/** Thrown when a rule's config is invalid; the message names the rule, key, value and what is allowed. */
export class RuleConfigError extends Error {
  constructor(ruleName: string, issues: readonly string[]) {
    super(
      `Policy pack config for rule \`${ruleName}\` is invalid (the --policy-pack-config file, e.g. ` +
        `policies/fargate-guard/config/<env>.json):\n  - ${issues.join("\n  - ")}`,
    );
    this.name = "RuleConfigError";
  }
}

/** Render zod issues as "`key` …(got value)" lines a person can act on. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  allowedKeys: readonly string[],
): string[] {
  return issues.map((issue) => {
    const key = issue.path.length === 0 ? "(rule config)" : `\`${issue.path.join(".")}\``;
    if (issue.code === "unrecognized_keys") {
      return `${key} has unknown key(s) ${issue.keys.map((k) => `\`${k}\``).join(", ")}; allowed: ${allowedKeys.map((k) => `\`${k}\``).join(", ")}`;
    }
    return `${key}: ${issue.message} (got ${JSON.stringify(valueAt(input, issue.path))})`;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Parse a rule's config as the engine delivered it (properties only, enforcementLevel removed). */
export function parseRuleConfig<T extends z.ZodObject>(ruleName: string, schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new RuleConfigError(ruleName, describeIssues(result.error.issues, raw, Object.keys(schema.shape)));
}

// Policy pack config as `pulumi preview --policy-pack-config` treats it (pkg/resource/analyzer/config.go):
// the file maps a policy name (or "all") to an enforcement level or to an object of properties with
// an optional `enforcementLevel`. The engine starts from the pack's metadata (schema defaults and
// levels), applies the pack's initial config, then the file, validates each policy's properties
// against its JSON schema, and sends the result with `Configure`.
// zod's JSON Schema import does the validation the CLI does with gojsonschema.
import { z } from "zod";
import type { PolicyConfig, PolicyInfo } from "./types";

export type { PolicyConfig, PolicyInfo };

/** Defaults from the metadata, then the pack's initial config, then the file; validated against each schema. */
export function reconcilePolicyConfig(
  policies: PolicyInfo[],
  initialConfig: Record<string, PolicyConfig>,
  fileConfig: Record<string, PolicyConfig>,
  fileLabel: string,
): Record<string, PolicyConfig> {
  const result = mergePolicyConfig(policies, initialConfig, fileConfig);
  const errors: string[] = [];
  for (const policy of policies) {
    if (!policy.configSchema) continue;
    for (const issue of validate(policy.configSchema, result[policy.name]?.properties ?? {}))
      errors.push(`${policy.name}: ${issue}`);
  }
  const unknown = Object.keys(fileConfig).filter((name) => name !== "all" && !policies.some((p) => p.name === name));
  for (const name of unknown)
    errors.push(`${name}: the pack has no policy of that name (it has ${policies.map((p) => p.name).join(", ")})`);
  if (errors.length) throw new Error(`Policy pack config ${fileLabel} is invalid:\n  - ${errors.join("\n  - ")}`);
  return result;
}

/**
 * The merge alone, without the schema check: what a pack receives when something other than the CLI
 * configures it, so a pack's own runtime checks of its config can be tested.
 */
export function mergePolicyConfig(
  policies: PolicyInfo[],
  initialConfig: Record<string, PolicyConfig>,
  fileConfig: Record<string, PolicyConfig>,
): Record<string, PolicyConfig> {
  let result: Record<string, PolicyConfig> = {};
  for (const policy of policies) {
    const defaults = Object.entries(policy.configSchema?.properties ?? {}).filter(([, schema]) => "default" in schema);
    result[policy.name] = {
      enforcementLevel: policy.enforcementLevel,
      ...(defaults.length
        ? { properties: Object.fromEntries(defaults.map(([k, schema]) => [k, schema.default])) }
        : {}),
    };
  }
  result = apply(result, initialConfig);
  return apply(result, fileConfig);
}

function apply(
  result: Record<string, PolicyConfig>,
  config: Record<string, PolicyConfig>,
): Record<string, PolicyConfig> {
  const next = { ...result };
  const all = config.all?.enforcementLevel;
  if (all) for (const name of Object.keys(next)) next[name] = { ...next[name], enforcementLevel: all };
  for (const [name, given] of Object.entries(config)) {
    const current = next[name] ?? {};
    next[name] = {
      ...current,
      ...(given.enforcementLevel ? { enforcementLevel: given.enforcementLevel } : {}),
      ...(given.properties ? { properties: { ...current.properties, ...given.properties } } : {}),
    };
  }
  return next;
}

function validate(schema: NonNullable<PolicyInfo["configSchema"]>, properties: Record<string, unknown>): string[] {
  const jsonSchema = {
    type: "object",
    properties: schema.properties,
    ...(schema.required.length ? { required: schema.required } : {}),
  };
  const parsed = z.fromJSONSchema(jsonSchema as never).safeParse(properties);
  if (parsed.success) return [];
  return parsed.error.issues.map(
    (issue) => `${issue.path.length ? `\`${issue.path.join(".")}\`: ` : ""}${issue.message}`,
  );
}

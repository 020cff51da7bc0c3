// Changes of a stack file's config between base and head. A `secure:` value is compared by its
// ciphertext (the plan only ever sees a placeholder for it, the same on both sides), and shown as
// `[secret]`: a reviewer learns that a secret changed, never what it is.
import { existsSync } from "node:fs";
import { parseYamlFile } from "@platform/config-files/yaml-file";
import { isObject, Secret } from "./display-value";
import { propertyChanges, type PropertyChange } from "./property-diff";

export function configChanges(baseFile: string | null, headFile: string | null): PropertyChange[] {
  const [base, head] = [stackConfig(baseFile), stackConfig(headFile)];
  const changes: PropertyChange[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    // One entry per key: a structured value that changed is one config change, shown whole.
    const keyChanges = propertyChanges(base[key], head[key], key);
    if (keyChanges.length) changes.push(...keyChanges);
  }
  return changes;
}

/** The `config:` mapping of a stack file, with `secure:` values boxed as secrets. */
function stackConfig(file: string | null): Record<string, unknown> {
  if (!file || !existsSync(file)) return {};
  let doc: unknown;
  try {
    doc = parseYamlFile(file);
  } catch {
    // An unreadable stack file already fails that side's plan, which the diff reports.
    return {};
  }
  const config = isObject(doc) && isObject(doc.config) ? doc.config : {};
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, boxSecure(value)]));
}

function boxSecure(value: unknown): unknown {
  if (isObject(value) && typeof value.secure === "string" && Object.keys(value).length === 1)
    return new Secret(value.secure);
  if (Array.isArray(value)) return value.map(boxSecure);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, boxSecure(v)]));
  return value;
}

// Resource properties as a diff compares and shows them: protocol values turned into plain JSON, with
// every secret kept as a `Secret` box so it can be compared but never printed.
import { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "@platform/policy-analyzer/wire-values";
import { looksLikeToken, SECRET_NOT_SHOWN } from "@platform/config/secret-values";
import type { WireValue } from "../types";

/** A secret value: compared by content, shown as `[secret]`. */
export class Secret {
  constructor(readonly value: unknown) {}
}

export const SECRET_TEXT = "[secret]";
export const UNKNOWN_TEXT = "[unknown]";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Protocol value → comparable value: secrets boxed, resource references as URNs, unknowns marked. */
export function comparable(value: WireValue): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === UNKNOWN_SENTINEL) return UNKNOWN_TEXT;
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return new Secret(comparable(value.value));
  if (sig === RESOURCE_SIG) return value.urn;
  if (sig === OUTPUT_SIG) {
    const inner = "value" in value ? comparable(value.value) : UNKNOWN_TEXT;
    return value.secret ? new Secret(inner) : inner;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // `__` keys are the SDK's bookkeeping (`__defaults`), not properties.
    if (!key.startsWith("__")) result[key] = comparable(item);
  }
  return result;
}

/**
 * A comparable value for output: every secret, however deep, becomes `[secret]`, and every plain string
 * that looks like a token (one the config check refuses) says that it is not shown.
 */
export function masked(value: unknown): unknown {
  if (value instanceof Secret) return SECRET_TEXT;
  if (typeof value === "string" && looksLikeToken(value)) return SECRET_NOT_SHOWN;
  if (Array.isArray(value)) return value.map(masked);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v)]));
  return value;
}

/** Protocol value → what reports print: plain JSON with secrets masked. */
export const displayValue = (value: WireValue): unknown => masked(comparable(value));

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Secret || b instanceof Secret)
    return a instanceof Secret && b instanceof Secret && sameValue(a.value, b.value);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return a === b;
}

export { isObject };

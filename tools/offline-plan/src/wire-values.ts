// Values in the form the Pulumi gRPC protocol carries them. The signatures and the analyzer's form
// live with the analyzer client (which takes them from the SDK); the plan adds the plain form.
import { RESOURCE_SIG, OUTPUT_SIG, SECRET_SIG, SIG_KEY, UNKNOWN } from "@platform/policy-analyzer/wire-values";
import type { WireValue } from "@platform/policy-analyzer/wire-values";

export { analyzerValue } from "@platform/policy-analyzer/wire-values";
export { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN };

type Tagged = Record<string, WireValue>;
const isObject = (v: WireValue): v is Tagged => typeof v === "object" && v !== null && !Array.isArray(v);

/** Plain JSON for people and StackReference consumers: secrets unwrapped, resource references as URNs. */
export function plainValue(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(plainValue);
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return plainValue(value.value);
  if (sig === RESOURCE_SIG) return value.urn;
  if (sig === OUTPUT_SIG) return "value" in value ? plainValue(value.value) : UNKNOWN;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
}

/**
 * The top-level outputs that are secret, in the order given: what the engine puts in a StackReference's
 * `secretOutputNames` state (the SDK's StackReference reads it to keep those outputs secret).
 */
export function secretOutputNames(outputs: Record<string, WireValue>): string[] {
  return Object.entries(outputs)
    .filter(
      ([, value]) =>
        isObject(value) && (value[SIG_KEY] === SECRET_SIG || (value[SIG_KEY] === OUTPUT_SIG && value.secret === true)),
    )
    .map(([name]) => name);
}

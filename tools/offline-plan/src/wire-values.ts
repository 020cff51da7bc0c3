// What the plan adds to the wire values of @platform/policy-analyzer (which takes the signatures from the SDK):
// the plain form, and which stack outputs are secret.
import {
  OUTPUT_SIG,
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
  type WireValue,
} from "@platform/policy-analyzer/wire-values";

type Tagged = Record<string, WireValue>;
const isObject = (v: WireValue): v is Tagged => typeof v === "object" && v !== null && !Array.isArray(v);

/** Plain JSON for people and StackReference consumers: secrets unwrapped, resource references as URNs. */
export function plainValue(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(plainValue);
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return plainValue(value.value);
  if (sig === RESOURCE_SIG) return value.urn;
  if (sig === OUTPUT_SIG) return "value" in value ? plainValue(value.value) : UNKNOWN_SENTINEL;
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

// Property values in the form the Pulumi gRPC protocol carries them (rpc.ts in @pulumi/pulumi): secrets
// and resource references are objects tagged with a signature key, unknowns a sentinel string.
import { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "./sdk-protocol";

export { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL };

/** A value as the Pulumi gRPC protocol carries it: JSON with signature objects for secrets and resources. */
export type WireValue = unknown;
export type WireObject = Record<string, WireValue>;

type Tagged = Record<string, WireValue>;
const isObject = (v: WireValue): v is Tagged => typeof v === "object" && v !== null && !Array.isArray(v);

/** `value` marked secret, as the engine sends a secret property. */
export const wireSecret = (value: WireValue): Tagged => ({ [SIG_KEY]: SECRET_SIG, value });

/**
 * The form the engine gives analyzers (MarshalOptions{KeepUnknowns, KeepSecrets, SkipInternalKeys}):
 * secrets and unknowns stay, resource references become the resource's ID (custom) or URN (component),
 * output values become their value (wrapped as a secret if secret), and `__` keys are dropped.
 */
export function analyzerValue(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(analyzerValue);
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return wireSecret(analyzerValue(value.value));
  if (sig === RESOURCE_SIG) return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
  if (sig === OUTPUT_SIG) {
    const inner = "value" in value ? analyzerValue(value.value) : UNKNOWN_SENTINEL;
    return value.secret ? wireSecret(inner) : inner;
  }
  const result: Tagged = {};
  for (const [key, item] of Object.entries(value)) {
    // The engine leaves out undefined values as it leaves out internal keys.
    if (!key.startsWith("__") && item !== undefined) result[key] = analyzerValue(item);
  }
  return result;
}

// Values in the form the Pulumi gRPC protocol carries them (rpc.ts in @pulumi/pulumi): secrets and
// resource references are objects tagged with a signature key, unknowns a sentinel string.
import type { WireValue } from "./types";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Tagged = Record<string, WireValue>;
const isObject = (v: WireValue): v is Tagged => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The form the engine gives analyzers (MarshalOptions{KeepUnknowns, KeepSecrets, SkipInternalKeys}):
 * secrets and unknowns stay, resource references become the resource's ID (custom) or URN (component),
 * output values become their value (wrapped as a secret if secret), and `__` keys are dropped.
 */
export function analyzerValue(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(analyzerValue);
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return { [SIG_KEY]: SECRET_SIG, value: analyzerValue(value.value) };
  if (sig === RESOURCE_SIG) return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
  if (sig === OUTPUT_SIG) {
    const inner = "value" in value ? analyzerValue(value.value) : UNKNOWN;
    return value.secret ? { [SIG_KEY]: SECRET_SIG, value: inner } : inner;
  }
  const result: Tagged = {};
  for (const [key, item] of Object.entries(value)) {
    if (!key.startsWith("__")) result[key] = analyzerValue(item);
  }
  return result;
}

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
    .filter(([, value]) => isObject(value) && (value[SIG_KEY] === SECRET_SIG || (value[SIG_KEY] === OUTPUT_SIG && value.secret === true)))
    .map(([name]) => name);
}

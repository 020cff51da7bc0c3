import { UNKNOWN_SENTINEL, wireSecret, type WireValue } from "@platform/policy-analyzer";

/**
 * Fixture values encoded the way the Pulumi engine sends resource properties to an analyzer:
 * a computed (unknown during preview) value becomes the unknown sentinel string, a secret becomes
 * the secret signature object (both as @platform/policy-analyzer takes them from the SDK).
 */
export const PREVIEW_UNKNOWN: unique symbol = Symbol("unknown during preview");

export class SecretValue {
  constructor(readonly value: unknown) {}
}

export const secret = (value: unknown): SecretValue => new SecretValue(value);

/** Replace PREVIEW_UNKNOWN and secret markers with their wire form; drop undefined keys as the engine does. */
export function toWire(value: unknown): WireValue {
  if (value === PREVIEW_UNKNOWN) return UNKNOWN_SENTINEL;
  if (value instanceof SecretValue) return wireSecret(toWire(value.value));
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === "object") {
    const out: Record<string, WireValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toWire(item);
    }
    return out;
  }
  throw new Error(`Fixture value of type ${typeof value} cannot be sent to an analyzer`);
}

import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

/**
 * Fixture values encoded the way the Pulumi engine sends resource properties to an analyzer:
 * a computed (unknown during preview) value becomes the unknown sentinel string, a secret becomes
 * the secret signature object, and the whole map travels as a google.protobuf.Struct.
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

export class SecretValue {
  constructor(readonly value: unknown) {}
}

export const secret = (value: unknown): SecretValue => new SecretValue(value);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replace UNKNOWN and secret markers with their wire form; drop undefined keys as the engine does. */
export function toWire(value: unknown): Json {
  if (value === UNKNOWN) return unknownValue;
  if (value instanceof SecretValue) return { [specialSigKey]: specialSecretSig, value: toWire(value.value) };
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
    return value;
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toWire(item);
    }
    return out;
  }
  throw new Error(`Fixture value of type ${typeof value} cannot be sent to an analyzer`);
}

export function toStruct(props: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(toWire(props) as Record<string, Json>);
}

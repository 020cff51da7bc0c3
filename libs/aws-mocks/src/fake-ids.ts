import { createHash } from "node:crypto";

/**
 * Deterministic stand-ins for the IDs AWS would assign. The same resource (by URN-like key) gets the same
 * values in every run, so plans and snapshots are stable, and every value has the shape AWS gives it
 * (`vpc-` + 17 hex, a 16-hex ALB suffix, a 6-character secret suffix), so validators see realistic input.
 */
export function hexOf(key: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${i}:${key}`).digest("hex");
  return out.slice(0, length);
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Secrets Manager appends `-` and six random alphanumerics to every secret name. */
export function secretSuffix(key: string): string {
  const bytes = createHash("sha256").update(key).digest();
  return Array.from(bytes.subarray(0, 6), (b) => ALNUM[b % ALNUM.length]).join("");
}

export function uuidOf(key: string): string {
  const h = hexOf(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Pulumi auto-naming: the logical name plus a 7-character random suffix. */
export function physicalName(name: string, key: string, maxLength = 255): string {
  const suffix = `-${hexOf(key, 7)}`;
  return name.slice(0, maxLength - suffix.length) + suffix;
}

import type { ImageReference } from "./image-reference";
import { classifyRegistry } from "./registry-class";

/** true when the reference names a digest, so every pull gets the same bytes. */
export function isDigestPinned(ref: ImageReference): boolean {
  return ref.digest !== undefined;
}

/**
 * true when the image needs repositoryCredentials: not private ECR, not public ECR, and not
 * matching any allow-listed prefix (prefix match on the canonical form AND on the original
 * string, e.g. "docker.io/library/", "public.ecr.aws/").
 *
 * Prefixes match as plain strings, so end them with "/" ("ghcr.io/acme" also matches
 * "ghcr.io/acme-evil/..."). Empty entries are ignored rather than matching everything:
 * a blank line in config must not switch the check off.
 */
export function needsRepositoryCredentials(ref: ImageReference, publicAllowList: readonly string[] = []): boolean {
  const registry = classifyRegistry(ref.host);
  if (registry.kind !== "other") return false;
  return !publicAllowList.some(
    (prefix) => prefix.length > 0 && (ref.canonical.startsWith(prefix) || ref.original.startsWith(prefix)),
  );
}

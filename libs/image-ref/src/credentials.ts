import type { ImageReference } from "./image-reference";

export function isDigestPinned(ref: ImageReference): boolean {
  return ref.digest !== undefined;
}

/**
 * true when the image needs repositoryCredentials: not private ECR, not public ECR, and not
 * matching any allow-listed prefix (prefix match on the canonical form AND on the original
 * string, e.g. "docker.io/library/", "public.ecr.aws/").
 */
export function needsRepositoryCredentials(ref: ImageReference, publicAllowList: readonly string[] = []): boolean {
  void ref;
  void publicAllowList;
  return true;
}

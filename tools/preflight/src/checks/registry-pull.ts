import type { ImageReference } from "@platform/image-ref";
import {
  ManifestNotFoundError,
  RegistryError,
  RegistryForbiddenError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
  resolveManifest,
  type RegistryCredentials,
} from "@platform/registry-client";
import { type CheckResult, fail, pass } from "./result";

/**
 * Asks the registry for the image's manifest with exactly the credentials ECS will send (or none), through the
 * same handshake a container runtime does: anonymous request, WWW-Authenticate challenge, Basic or Bearer
 * token, HEAD /v2/<name>/manifests/<tag or digest>. A refusal is told as what the deploy would meet.
 */
export async function checkRegistryPull(
  image: ImageReference,
  credentials: RegistryCredentials | null,
): Promise<CheckResult> {
  const check = `pull ${image.original}`;
  const who = credentials ? `as ${JSON.stringify(credentials.username)} (from ${credentials.source})` : "anonymously";
  try {
    const resolved = await resolveManifest(image, { credentials });
    return pass(check, `the registry serves the manifest ${who}: ${resolved.digest} (${resolved.mediaType})`);
  } catch (error) {
    if (!(error instanceof RegistryError) || error instanceof RegistryUnreachableError)
      return fail(
        check,
        `cannot reach ${image.host}: ${(error as Error).message}`,
        "check the host name and that the registry is reachable",
      );
    return explain(error, image, who);
  }
}

function explain(error: RegistryError, image: ImageReference, who: string): CheckResult {
  const check = `pull ${image.original}`;
  const ecs = (status: string) =>
    `ECS would fail with CannotPullContainerError: ${status} when pulling ${image.original} ${who}`;
  if (error instanceof RegistryUnauthorizedError) {
    if (who === "anonymously") {
      return fail(
        check,
        `${ecs("401 Unauthorized")} (${error.message})`,
        "likely: the image is private and the service sends no repositoryCredentials. Remove its prefix from " +
          "`service:publicImagePrefixes` and add its registry to `registry-access:registries`",
      );
    }
    const causes = [
      "the token expired or was revoked",
      "the token lacks the scope to read packages (for ghcr.io: read:packages)",
      "the username is not the token's owner",
    ];
    return fail(
      check,
      `${ecs("401 Unauthorized")} (${error.message})`,
      `likely: ${causes.join("; ")}. Put a working token into the secret`,
    );
  }
  if (error instanceof RegistryForbiddenError) {
    return fail(
      check,
      `${ecs("403 Forbidden")} (${error.message})`,
      "likely: the image is not shared with that user (for ghcr.io: package settings → Manage access), or the token lacks read:packages",
    );
  }
  if (error instanceof ManifestNotFoundError) {
    return fail(
      check,
      `${ecs("404 Not Found (manifest unknown)")} (${error.message})`,
      "likely: the repository, tag or digest in `service:image` is wrong, or the repository is hidden from this user",
    );
  }
  return fail(
    check,
    `the registry answered ${error.status ?? "without a status"}: ${error.message}`,
    "check the registry's status and the image reference",
  );
}

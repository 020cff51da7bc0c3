import { type ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import { type ImageReference, parseImageReference, pullThroughReference } from "@platform/image-ref";
import {
  ManifestNotFoundError,
  RegistryError,
  RegistryForbiddenError,
  RegistryUnauthorizedError,
  resolveManifest,
} from "@platform/registry-client";
import { type CheckResult, fail, pass } from "./result";

/**
 * Pulls the image's manifest through ECR's pull-through cache as ECS will: from the account's registry (the
 * `proxyEndpoint` of GetAuthorizationToken, with its token as `AWS`'s password, as `docker login` does), under the
 * rule's prefix, with the same path, tag and digest. A first pull makes ECR import the image with the caller's
 * permissions, so the caller needs what the execution role has: `ecr:BatchImportUpstreamImage` and
 * `ecr:CreateRepository` on the prefix's repositories. The token is never printed.
 */
export async function checkPullThrough(ecr: ECRClient, image: ImageReference, prefix: string): Promise<CheckResult> {
  const check = `pull ${image.original} through ECR's pull-through cache ${prefix}`;
  let registry: string;
  let password: string;
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    const decoded = Buffer.from(data?.authorizationToken ?? "", "base64").toString("utf8");
    if (!data?.proxyEndpoint || !decoded.startsWith("AWS:")) {
      return fail(
        check,
        "ECR GetAuthorizationToken returned no token and endpoint",
        "check the credentials and region",
      );
    }
    registry = new URL(data.proxyEndpoint).host;
    password = decoded.slice("AWS:".length);
  } catch (error) {
    return fail(
      check,
      `ECR GetAuthorizationToken failed: ${(error as Error).message}`,
      "run the preflight with credentials that may ecr:GetAuthorizationToken",
    );
  }
  const cached = parseImageReference(pullThroughReference(image, `${registry}/${prefix}`));
  try {
    const resolved = await resolveManifest(cached, {
      credentials: { username: "AWS", password, source: "ECR GetAuthorizationToken" },
    });
    if (image.digest !== undefined && resolved.digest !== image.digest) {
      return fail(
        check,
        `${cached.original} answers with ${resolved.digest}, not the pinned ${image.digest}`,
        "check that the cache's rule names the image's upstream registry",
      );
    }
    return pass(check, `${cached.original} serves the manifest: ${resolved.digest} (${resolved.mediaType})`);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    return fail(check, `ECR answered ${cached.original}: ${error.message}`, fixFor(error, prefix));
  }
}

/** What to do about ECR's refusal, told as what the deploy would meet. */
function fixFor(error: RegistryError, prefix: string): string {
  if (error instanceof RegistryUnauthorizedError || error instanceof RegistryForbiddenError) {
    return (
      `give the preflight's credentials (as registry-access gives the execution role) ecr:BatchImportUpstreamImage and ` +
      `ecr:CreateRepository on arn:<partition>:ecr:<region>:<account>:repository/${prefix}/*, and check the ` +
      `ecr-pullthroughcache/${prefix}-… secret (above)`
    );
  }
  if (error instanceof ManifestNotFoundError) {
    return `the upstream does not serve this image to the cache's credentials, or no rule has the prefix ${prefix}: run \`pulumi up\` on registry-access`;
  }
  return "check ECR's status and the image reference";
}

import { type ImageReference, needsRepositoryCredentials } from "@platform/image-ref";
import type { Upstream } from "./upstream";

/**
 * The secret ARN ECS must use to pull `image`, chosen by its registry host; undefined for private and public
 * ECR, which the execution role's managed policy already covers. A private host without credentials is an
 * error now, not a task that loops on CannotPullContainerError after the deploy.
 */
export function credentialsFor(image: ImageReference, upstream: Upstream, stackFile: string): string | undefined {
  if (!needsRepositoryCredentials(image)) return undefined;
  const secretArn = upstream.registryAccess.registryCredentials[image.host];
  if (secretArn) return secretArn;
  const known = Object.keys(upstream.registryAccess.registryCredentials);
  throw new Error(
    `\`service:image\` in ${stackFile} is "${image.original}", on the private registry ${image.host}, but stack ` +
      `${upstream.registryAccessStack} holds credentials only for ${known.length ? known.join(", ") : "no registry"}. ` +
      `ECS would fail every pull with 401 Unauthorized. Fix: add {"host":"${image.host}", ...} to ` +
      `\`registry-access:registries\` and run \`pulumi up\` on ${upstream.registryAccessStack}, or use an image from a registry listed there.`,
  );
}

import type { ServiceConfig } from "./config";
import { needsRepositoryCredentials, pullThroughReference, pullThroughUpstream } from "@platform/image-ref";
import type { Upstream } from "./upstream";

/** What the task definition's container names: the image it pulls, and the secret it pulls with, if any. */
export interface ImagePull {
  readonly image: string;
  readonly credentialsSecretArn?: string;
}

/**
 * How ECS pulls the image, chosen by its registry host:
 * - through the account's ECR when registry-access runs ECR's pull-through cache for the host: the same repository,
 *   tag and digest under the cache's prefix, with no credentials (the execution role imports);
 * - as configured, with no credentials, from private and public ECR, which the execution role's managed policy
 *   already covers, and for `publicImagePrefixes`;
 * - else with the host's `repositoryCredentials` secret. A private host without one is an error now, not a task
 *   that loops on CannotPullContainerError.
 */
export function imagePull(config: ServiceConfig, upstream: Upstream, stackFile: string): ImagePull {
  const { image } = config;
  const cache = upstream.registryAccess.pullThroughCaches?.[image.host];
  if (cache !== undefined) return { image: pullThroughReference(image, cache) };
  if (!needsRepositoryCredentials(image, config.publicImagePrefixes)) return { image: image.original };
  return { image: image.original, credentialsSecretArn: credentialsSecretArn(config, upstream, stackFile) };
}

function credentialsSecretArn(config: ServiceConfig, upstream: Upstream, stackFile: string): string {
  const { image } = config;
  const secretArn = upstream.registryAccess.registryCredentials[image.host];
  if (secretArn) return secretArn;
  const known = Object.keys(upstream.registryAccess.registryCredentials);
  const cached = Object.keys(upstream.registryAccess.pullThroughCaches ?? {});
  const throughCache = cached.length ? `, and pulls ${cached.join(", ")} through ECR's pull-through cache` : "";
  // Where ECR's pull-through cache can serve the host, the entry may use it instead of repositoryCredentials.
  const orCache = pullThroughUpstream(image.host)
    ? ` (with "pullThroughCache": true to pull through the account's ECR)`
    : "";
  throw new Error(
    `\`${config.name}:image\` in ${stackFile} is "${image.original}", on the private registry ${image.host}, but stack ` +
      `${upstream.registryAccessStack} holds credentials only for ${known.length ? known.join(", ") : "no registry"}${throughCache}. ` +
      `ECS would fail every pull with 401 Unauthorized. Fix: add {"host":"${image.host}", ...}${orCache} to ` +
      `\`registry-access:registries\` and run \`pulumi up\` on ${upstream.registryAccessStack}; or, for a public image, add its ` +
      `prefix to \`publicImagePrefixes\` in the ${config.env} profile (libs/config/src/environments.ts) and regenerate ` +
      `the policy pack's config: npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write.`,
  );
}

import type { ServiceConfig } from "./config";
import { needsRepositoryCredentials } from "@platform/image-ref";
import type { Upstream } from "./upstream";

/**
 * The secret ARN ECS must use to pull the image, chosen by its registry host; undefined for private and
 * public ECR, which the execution role's managed policy already covers, and for `publicImagePrefixes`. A
 * private host without credentials is an error now, not a task that loops on CannotPullContainerError.
 */
export function credentialsFor(config: ServiceConfig, upstream: Upstream, stackFile: string): string | undefined {
  const { image } = config;
  if (!needsRepositoryCredentials(image, config.publicImagePrefixes)) return undefined;
  const secretArn = upstream.registryAccess.registryCredentials[image.host];
  if (secretArn) return secretArn;
  const known = Object.keys(upstream.registryAccess.registryCredentials);
  throw new Error(
    `\`${config.name}:image\` in ${stackFile} is "${image.original}", on the private registry ${image.host}, but stack ` +
      `${upstream.registryAccessStack} holds credentials only for ${known.length ? known.join(", ") : "no registry"}. ` +
      `ECS would fail every pull with 401 Unauthorized. Fix: add {"host":"${image.host}", ...} to ` +
      `\`registry-access:registries\` and run \`pulumi up\` on ${upstream.registryAccessStack}; or, for a public image, add its ` +
      `prefix to \`publicImagePrefixes\` in the ${config.env} profile (libs/config/src/environments.ts) and regenerate ` +
      `the policy pack's config: npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write.`,
  );
}

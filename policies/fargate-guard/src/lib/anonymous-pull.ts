import type { ImageReference } from "@platform/image-ref";
import { code } from "./messages";

/** Docker Hub's registry hosts: the one image references name, and the ones its API answers on. */
const dockerHubHosts = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * What an anonymous pull of `image` does, told truthfully for each case, and the two ways out.
 * Docker Hub's official images (`library/…`) are public: the pull works but counts against Docker
 * Hub's anonymous limit, which is per source IP, so every task behind one NAT gateway shares it
 * (docs.docker.com, "Docker Hub usage and limits"). Any other repository may be private, and then
 * the registry answers 401 and the task stops with CannotPullContainerError (Amazon ECS, "Private
 * registry authentication for tasks"); the pack cannot tell a public repository from a private one.
 */
export function anonymousPullMessage(image: ImageReference, credentialsKey: string): string {
  const setCredentials = `set \`${credentialsKey}\` to the Secrets Manager secret ARN for ${image.host}`;
  const owner = image.repository.split("/").slice(0, -1);
  const prefix = owner.length === 0 ? `${image.host}/` : `${image.host}/${owner.join("/")}/`;
  const allowList = `add ${code(prefix)} to \`publicImagePrefixes\` in the config of private-image-credentials`;
  // ECR's pull-through cache pulls Docker Hub with the account's credentials and keeps the images in the account's
  // ECR (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html).
  const throughCache =
    "pull it through the account's ECR instead: set `pullThroughCache: true` on a `docker.io` entry of " +
    "`registry-access:registries`, so ECR's pull-through cache pulls from Docker Hub with your credentials, keeps " +
    "a copy, and the task needs no `repositoryCredentials`";
  const rateLimited =
    "Docker Hub rate-limits anonymous pulls per source IP, and every task behind one NAT gateway shares that limit, " +
    "so tasks start failing with CannotPullContainerError (429 Too Many Requests) once it is used up";
  if (dockerHubHosts.has(image.host) && image.repository.startsWith("library/")) {
    return (
      `${image.host}/${image.repository} is a public Docker Hub image, so ECS pulls it anonymously. ${rateLimited}. ` +
      `If anonymous pulls are what you want, ${allowList}; otherwise ${setCredentials} (authenticated pulls get a higher limit), or ${throughCache}.`
    );
  }
  const dockerHub = dockerHubHosts.has(image.host);
  const publicCase = dockerHub ? `; a public one pulls, but ${rateLimited}` : "";
  return (
    `${image.host} is not Amazon ECR, so ECS pulls anonymously: a private image answers 401 Unauthorized and every ` +
    `task stops with CannotPullContainerError${publicCase}. To pull it, ${setCredentials}${dockerHub ? `, or ${throughCache}` : ""}; ` +
    `if the image is public and meant to be pulled anonymously, ${allowList}.`
  );
}

import type { ImageReference } from "./image-reference";

/**
 * The upstream registries ECR's pull-through cache serves with a Secrets Manager secret, as image references name
 * them, with the `upstreamRegistryUrl` a rule needs and the default repository prefix. From "Sync an upstream
 * registry with an Amazon ECR private registry" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html)
 * and CreatePullThroughCacheRule's `upstreamRegistryUrl` (ECR API reference). GitLab is served only as GitLab.com;
 * Quay, registry.k8s.io and ECR Public are served only without credentials, so a private repository there keeps
 * `repositoryCredentials`, as do self-hosted GitLab, Artifactory and Google's registries.
 */
const UPSTREAMS: readonly PullThroughUpstream[] = [
  { host: "docker.io", upstreamRegistryUrl: "registry-1.docker.io", prefix: "docker-hub" },
  { host: "ghcr.io", upstreamRegistryUrl: "ghcr.io", prefix: "ghcr" },
  { host: "registry.gitlab.com", upstreamRegistryUrl: "registry.gitlab.com", prefix: "gitlab" },
  { host: "cgr.dev", upstreamRegistryUrl: "cgr.dev", prefix: "chainguard" },
];
/** Azure Container Registry: one host per registry, `<name>.azurecr.io` (names are 5-50 letters and digits). */
const AZURE = /^([a-z0-9]{5,50})\.azurecr\.io$/;

export interface PullThroughUpstream {
  /** The host image references name (`docker.io`, not `registry-1.docker.io`). */
  readonly host: string;
  readonly upstreamRegistryUrl: string;
  /** The default ECR repository prefix of its rule. */
  readonly prefix: string;
}

/** The hosts `pullThroughCache` may be set for, for messages. */
export const PULL_THROUGH_HOSTS = [...UPSTREAMS.map((u) => u.host), "<name>.azurecr.io"] as const;

/** The pull-through upstream that `host` is, or undefined when ECR's pull-through cache cannot serve it. */
export function pullThroughUpstream(host: string): PullThroughUpstream | undefined {
  const found = UPSTREAMS.find((upstream) => upstream.host === host);
  if (found) return found;
  const azure = AZURE.exec(host);
  return azure ? { host, upstreamRegistryUrl: host, prefix: `acr-${azure[1]}` } : undefined;
}

/**
 * A rule's ECR repository prefix when its registry entry names none: the upstream's, then the environment
 * (`ghcr-dev`), so the environments of one account keep apart. The program and the preflight both derive it here.
 */
export function defaultEcrRepositoryPrefix(upstream: PullThroughUpstream, env: string): string {
  return `${upstream.prefix}-${env}`;
}

/**
 * The ECR repository prefix of a rule (CreatePullThroughCacheRule `ecrRepositoryPrefix`: 2 to 30 characters of
 * `(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*`).
 */
export const ECR_REPOSITORY_PREFIX = /^(?=.{2,30}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * The reference that pulls `image` through a cache whose repositories start with `repositoryUrlPrefix`
 * (`<account>.dkr.ecr.<region>.amazonaws.com/<prefix>`): the same repository path (Docker Hub's `library/` kept, as
 * ECR wants it), the same tag and the same digest, so a pinned image stays pinned.
 */
export function pullThroughReference(image: ImageReference, repositoryUrlPrefix: string): string {
  const tag = image.tag === undefined ? "" : `:${image.tag}`;
  const digest = image.digest === undefined ? "" : `@${image.digest}`;
  return `${repositoryUrlPrefix}/${image.repository}${tag}${digest}`;
}

import type { PolicyResource } from "@pulumi/policy";
import { registryAccessContract } from "@platform/contracts/outputs";
import { pullThroughRepositoriesArn } from "@platform/iam";
import { classifyRegistry, type ImageReference } from "@platform/image-ref";
import { plainJson } from "./iam-documents";
import { ECR_PULL_THROUGH_CACHE_RULE } from "./resource-types";
import { knownOr } from "./unknowns";
import { UPSTREAM_STACK } from "./upstream-roles";

/** One pull-through cache prefix of an account's ECR, as this stack knows it. */
interface CachePrefix {
  readonly prefix: string;
  /** The registry's account; undefined for a rule of this stack whose `registryId` is not known yet (any account). */
  readonly accountId?: string;
}

/** An image ECS pulls through a pull-through cache, and the repository a first pull imports into. */
export interface PullThroughImage {
  readonly prefix: string;
  /** `arn:<partition>:ecr:<region>:<account>:repository/<prefix>/<path>`. */
  readonly repositoryArn: string;
  /** Every repository under the prefix: what the grant names. */
  readonly repositoriesArn: string;
}

const known = (read: () => unknown): unknown => knownOr(read, undefined);

/**
 * The pull-through cache prefixes of the stack: its own rules (`aws:ecr/pullThroughCacheRule`), and the caches an
 * upstream stack exports (`pullThroughCaches` of the registry-access contract, carried by an upstream-stack component).
 */
export function pullThroughCachesOf(resources: readonly PolicyResource[]): readonly CachePrefix[] {
  return resources.flatMap((resource): CachePrefix[] => {
    if (resource.type === ECR_PULL_THROUGH_CACHE_RULE) {
      const prefix = known(() => resource.props.ecrRepositoryPrefix);
      const accountId = known(() => resource.props.registryId);
      if (typeof prefix !== "string") return [];
      return [{ prefix: prefix.replace(/\/$/, ""), ...(typeof accountId === "string" ? { accountId } : {}) }];
    }
    if (resource.type !== UPSTREAM_STACK) return [];
    const outputs = known(() => resource.props.outputs) as Record<string, unknown> | null | undefined;
    if (outputs === undefined || outputs === null) return [];
    const caches = registryAccessContract.schema.shape.pullThroughCaches.safeParse(
      plainJson(known(() => outputs.pullThroughCaches)),
    );
    if (!caches.success || caches.data === undefined) return [];
    return Object.values(caches.data).map((url) => {
      const slash = url.indexOf("/");
      return { accountId: url.slice(0, url.indexOf(".")), prefix: url.slice(slash + 1) };
    });
  });
}

/** The cache `image` is pulled through, or undefined when it is not under a cache prefix of private ECR. */
export function pullThroughImage(image: ImageReference, caches: readonly CachePrefix[]): PullThroughImage | undefined {
  const registry = classifyRegistry(image.host);
  if (registry.kind !== "private-ecr") return undefined;
  const cache = caches.find(
    (c) =>
      image.repository.startsWith(`${c.prefix}/`) && (c.accountId === undefined || c.accountId === registry.accountId),
  );
  if (cache === undefined) return undefined;
  const { partition, region, accountId } = registry;
  return {
    prefix: cache.prefix,
    repositoryArn: `arn:${partition}:ecr:${region}:${accountId}:repository/${image.repository}`,
    repositoriesArn: pullThroughRepositoriesArn({ partition, region, accountId, prefix: cache.prefix }),
  };
}

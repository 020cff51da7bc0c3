import { parseArn, partitionForRegion } from "./arn";
import type { PolicyDocument } from "./policy-document";

/**
 * What the role that pulls through ECR's pull-through cache needs on the cache's repositories, beyond the pulls
 * AmazonECSTaskExecutionRolePolicy grants: `ecr:BatchImportUpstreamImage` to fetch an image ECR has not cached yet,
 * and `ecr:CreateRepository` for the first pull of a repository ("IAM permissions required to sync an upstream
 * registry with an Amazon ECR private registry",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html).
 */
export const PULL_THROUGH_IMPORT_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;
/** The pulls, named on the prefix too, so the grant says on its own what the cache's images need. */
const PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];

/** `arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*`: every repository under one cache prefix, no other. */
export function pullThroughRepositoriesArn(at: {
  partition: string;
  region: string;
  accountId: string;
  prefix: string;
}): string {
  return `arn:${at.partition}:ecr:${at.region}:${at.accountId}:repository/${at.prefix}/*`;
}

/**
 * The cache prefix `arn` names all repositories of, or undefined when it is not exactly one literal prefix's
 * repositories (`repository/*`, `*`, a wildcard inside the prefix, another service).
 */
export function pullThroughPrefixOf(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service !== "ecr" || !/^\d{12}$/.test(parsed.accountId)) return undefined;
  if (partitionForRegion(parsed.region) !== parsed.partition) return undefined;
  const match = /^repository\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)\/\*$/.exec(
    parsed.resource,
  );
  return match?.[1];
}

/** The execution role's grant on exactly the given cache prefixes' repositories. */
export function pullThroughCachePolicy(repositoriesArns: readonly string[]): PolicyDocument {
  for (const arn of repositoriesArns) {
    if (pullThroughPrefixOf(arn) === undefined) {
      throw new Error(
        `pullThroughCachePolicy: ${JSON.stringify(arn)} is not the repositories of one cache prefix; expected ` +
          "arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*",
      );
    }
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PullThroughCache",
        Effect: "Allow",
        Action: [...PULL_THROUGH_IMPORT_ACTIONS, ...PULL_ACTIONS],
        Resource: [...new Set(repositoriesArns)],
      },
    ],
  };
}

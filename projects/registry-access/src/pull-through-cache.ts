import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { pullThroughRepositoriesArn } from "@platform/iam";
import type { DeployTarget } from "@platform/iam/ecs-task-role";
import type { PullThroughCacheConfig, TokenSource } from "./config";

export interface PullThroughCacheArgs {
  readonly host: string;
  readonly cache: PullThroughCacheConfig;
  readonly source: TokenSource;
  readonly recoveryWindowInDays: number;
  readonly target: DeployTarget;
}

export interface PullThroughCache {
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>`: where services pull this upstream's images from. */
  readonly repositoryUrlPrefix: pulumi.Output<string>;
  /** Every repository under the prefix: what the execution role may import into. */
  readonly repositoriesArn: pulumi.Output<string>;
}

/** Untagged images go after two weeks; of the rest, the newest 100 per repository stay. */
const LIFECYCLE_POLICY = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: "Expire untagged images after 14 days",
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
      action: { type: "expire" },
    },
    {
      rulePriority: 2,
      description: "Keep the newest 100 images",
      selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 100 },
      action: { type: "expire" },
    },
  ],
});

/**
 * ECR's pull-through cache for one upstream registry (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html):
 * - the upstream's credentials, in a secret whose name ECR requires to begin with `ecr-pullthroughcache/` and whose
 *   value is `{"username","accessToken"}` (not `password`), from the same token sources as the `repositoryCredentials`
 *   secrets. ECR reads it itself, not the execution role, so no role is granted it; it keeps Secrets Manager's AWS
 *   managed key, which asks no key policy of ours;
 * - the template the repositories ECR creates on a first pull get: AES-256 encryption, immutable tags, a lifecycle
 *   policy (AES-256, because a KMS key in a template also needs a role ECR assumes);
 * - the rule itself.
 */
export function createPullThroughCache(
  name: string,
  args: PullThroughCacheArgs,
  opts?: pulumi.CustomResourceOptions,
): PullThroughCache {
  const prefix = args.cache.ecrRepositoryPrefix;
  const { source } = args;
  const secret = new aws.secretsmanager.Secret(
    `${name}-credentials`,
    {
      // A prefix for the same reason as the repositoryCredentials secrets (registry-secret.ts).
      namePrefix: `ecr-pullthroughcache/${prefix}-`,
      description: `Upstream credentials of ECR's pull-through cache for ${args.host} (prefix ${prefix})`,
      recoveryWindowInDays: args.recoveryWindowInDays,
    },
    opts,
  );
  const value =
    source.kind === "config"
      ? [
          new aws.secretsmanager.SecretVersion(
            `${name}-credentials-value`,
            {
              secretId: secret.id,
              secretString: pulumi.secret(
                source.token.apply((accessToken) => JSON.stringify({ username: source.username, accessToken })),
              ),
            },
            opts,
          ),
        ]
      : [];
  new aws.ecr.RepositoryCreationTemplate(
    `${name}-template`,
    {
      prefix,
      description: `Repositories of ECR's pull-through cache for ${args.host}`,
      appliedFors: ["PULL_THROUGH_CACHE"],
      imageTagMutability: "IMMUTABLE",
      encryptionConfigurations: [{ encryptionType: "AES256" }],
      lifecyclePolicy: LIFECYCLE_POLICY,
    },
    opts,
  );
  const rule = new aws.ecr.PullThroughCacheRule(
    name,
    { ecrRepositoryPrefix: prefix, upstreamRegistryUrl: args.cache.upstreamRegistryUrl, credentialArn: secret.arn },
    // ECR reads the secret when the rule is created: with a config token, its value exists first.
    { ...opts, dependsOn: value },
  );
  const { region, partition } = args.target;
  return {
    repositoryUrlPrefix: pulumi.interpolate`${rule.registryId}.dkr.ecr.${region}.${partition.apply(dnsSuffix)}/${rule.ecrRepositoryPrefix}`,
    repositoriesArn: pulumi
      .all([partition, region, rule.registryId, rule.ecrRepositoryPrefix])
      .apply(([p, r, accountId, ecrPrefix]) =>
        pullThroughRepositoriesArn({ partition: p, region: r, accountId, prefix: ecrPrefix }),
      ),
  };
}

/** ECR's DNS suffix per partition ("Amazon ECR endpoints and quotas"). */
function dnsSuffix(partition: string): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

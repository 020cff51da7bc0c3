import * as pulumi from "@pulumi/pulumi";
import { type RegistryAccessOutputs, type StackExports } from "@platform/contracts";
import { pulumiConfigSource } from "@platform/config";
import { registryAccessConfig } from "./src/config";
import { createExecutionRole } from "./src/execution-role";
import { createRegistryKey } from "./src/kms-key";
import { createPullThroughCache } from "./src/pull-through-cache";
import { createRegistrySecret } from "./src/registry-secret";
import { deployTarget } from "@platform/iam/ecs-task-role";

const config = registryAccessConfig(pulumiConfigSource());
const name = `app-${config.env}`;

const key = config.customerManagedKey ? createRegistryKey(`${name}-registry`, config.env) : undefined;
const target = deployTarget();
const slug = (host: string) => host.replace(/[^a-z0-9]+/g, "-");
// A registry is pulled either with repositoryCredentials or through ECR's pull-through cache, never both.
const secrets = config.registries.flatMap(({ pullThroughCache, ...registry }) =>
  pullThroughCache
    ? []
    : [
        {
          host: registry.host,
          secret: createRegistrySecret(`${name}-${slug(registry.host)}`, {
            registry,
            env: config.env,
            recoveryWindowInDays: config.recoveryWindowInDays,
            ...(key ? { kmsKeyArn: key.arn } : {}),
          }),
        },
      ],
);
const caches = config.registries.flatMap(({ host, source, pullThroughCache }) =>
  pullThroughCache
    ? [
        {
          host,
          cache: createPullThroughCache(`${name}-${slug(host)}-cache`, {
            host,
            cache: pullThroughCache,
            source,
            recoveryWindowInDays: config.recoveryWindowInDays,
            target,
          }),
        },
      ]
    : [],
);
const executionRole = createExecutionRole(`${name}-execution`, {
  secretArns: secrets.map((s) => s.secret.arn),
  ...(key ? { kmsKeyArn: key.arn } : {}),
  pullThroughRepositoriesArns: caches.map((c) => c.cache.repositoriesArn),
  target,
});

export = {
  executionRoleArn: executionRole.role.arn,
  executionRolePolicies: executionRole.policies,
  registryCredentials: pulumi.all(Object.fromEntries(secrets.map((s) => [s.host, s.secret.arn]))),
  ...(key ? { kmsKeyArn: key.arn } : {}),
  ...(caches.length > 0
    ? { pullThroughCaches: pulumi.all(Object.fromEntries(caches.map((c) => [c.host, c.cache.repositoryUrlPrefix]))) }
    : {}),
} satisfies StackExports<RegistryAccessOutputs>;

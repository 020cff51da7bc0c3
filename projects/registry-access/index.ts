import * as pulumi from "@pulumi/pulumi";
import { type RegistryAccessOutputs, type StackExports } from "@platform/contracts";
import { pulumiConfigSource, registryAccessConfig } from "@platform/config";
import { createExecutionRole } from "./execution-role";
import { createRegistryKey } from "./kms-key";
import { createRegistrySecret } from "./registry-secret";

const config = registryAccessConfig(pulumiConfigSource());
const name = `app-${config.env}`;

const key = config.customerManagedKey ? createRegistryKey(`${name}-registry`, config.env) : undefined;
const secrets = config.registries.map((registry) => ({
  host: registry.host,
  secret: createRegistrySecret(`${name}-${registry.host.replace(/[^a-z0-9]+/g, "-")}`, {
    registry,
    env: config.env,
    recoveryWindowInDays: config.recoveryWindowInDays,
    ...(key ? { kmsKeyArn: key.arn } : {}),
  }),
}));
const executionRole = createExecutionRole(`${name}-execution`, {
  secretArns: secrets.map((s) => s.secret.arn),
  ...(key ? { kmsKeyArn: key.arn } : {}),
});

export = {
  executionRoleArn: executionRole.role.arn,
  executionRolePolicies: executionRole.policies,
  registryCredentials: pulumi.all(Object.fromEntries(secrets.map((s) => [s.host, s.secret.arn]))),
  ...(key ? { kmsKeyArn: key.arn } : {}),
} satisfies StackExports<RegistryAccessOutputs>;

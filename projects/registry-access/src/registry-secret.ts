import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrySecretNamePrefix } from "@platform/config";
import type { RegistryCredentialsConfig } from "./config";

export interface RegistrySecretArgs {
  readonly registry: RegistryCredentialsConfig;
  readonly env: string;
  readonly kmsKeyArn?: pulumi.Input<string>;
  readonly recoveryWindowInDays: number;
}

/**
 * The secret ECS reads for `repositoryCredentials`: `{"username","password"}`. With a `config` token source
 * Pulumi writes the value (kept secret in state); with `external` the secret is created empty and its value
 * is put outside Pulumi, so the token never reaches state.
 */
export function createRegistrySecret(
  name: string,
  args: RegistrySecretArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.secretsmanager.Secret {
  const { registry } = args;
  const secret = new aws.secretsmanager.Secret(
    name,
    {
      // A prefix, not a fixed name: the provider appends a unique suffix, so a destroy and re-create within the
      // recovery window and a create-before-delete replacement never meet a name that is taken (see the rule in
      // @platform/config registry-secret-name).
      namePrefix: registrySecretNamePrefix(args.env, registry.host),
      description: `Pull credentials for ${registry.host} (ECS repositoryCredentials)`,
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: args.recoveryWindowInDays,
    },
    opts,
  );
  if (registry.source.kind === "config") {
    const { username, token } = registry.source;
    new aws.secretsmanager.SecretVersion(
      `${name}-value`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(token.apply((password) => JSON.stringify({ username, password }))),
      },
      opts,
    );
  }
  return secret;
}

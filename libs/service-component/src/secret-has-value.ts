import * as aws from "@pulumi/aws";

/**
 * Refuses to deploy against a registry secret that has no current value. With `tokenSource: external` the
 * registry-access stack creates the secret empty; a service deployed against it never pulls, and awsx waits
 * for a steady state until the circuit breaker rolls back. `getSecretVersions` lists version IDs and stages
 * (ListSecretVersionIds) and never reads the value, so the token does not reach this stack's state.
 */
export async function requireCurrentSecretValue(
  secretArn: string,
  host: string,
  registryAccessStack: string,
): Promise<void> {
  // A secret created empty has no versions, and the provider then answers no `versions` at all, not an empty list:
  // its data source appends only pages with versions and flattens a nil slice to null (terraform-provider-aws
  // internal/service/secretsmanager/secret_versions_data_source.go), which reaches the program as undefined.
  const { versions = [] } = await aws.secretsmanager.getSecretVersions({ secretId: secretArn });
  if (versions.some((version) => version.versionStages?.includes("AWSCURRENT"))) return;
  throw new Error(
    `The registry secret for ${host} (${secretArn}, from stack ${registryAccessStack}) has no current value, so ECS ` +
      `could not pull the image and the deploy would wait until the circuit breaker rolls it back. ` +
      `Fix: put the credentials into it, then run \`pulumi up\` again:\n` +
      `  aws secretsmanager put-secret-value --secret-id ${secretArn} \\\n` +
      `    --secret-string '{"username":"<registry user>","password":"<token>"}'\n` +
      `(for ghcr.io, the password is a personal access token with read:packages). ` +
      `Then \`npm run preflight -- --env <env>\` checks it before the deploy.`,
  );
}

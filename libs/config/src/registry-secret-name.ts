/**
 * Names of the registry-credential secrets, in one place for the program that creates them and the preflight
 * that finds them.
 *
 * The rule: `registry/<env>/<host with ":" written as "_">/` is the secret's name PREFIX, and the AWS provider
 * appends a unique suffix (`namePrefix`). So:
 * - a host with a port is a valid name: Secrets Manager allows only `A-Za-z0-9/_+=.@-` in names, so the `:` of
 *   `registry.example.com:5000` becomes `_` (`registry/dev/registry.example.com_5000/…`). A host name cannot
 *   contain `_` or `/`, so the mapping is reversible (`hostOfSecretName`);
 * - a destroy and re-create does not collide with the deleted secret that Secrets Manager keeps for its
 *   recovery window ("scheduled for deletion"), and a replacement (for example a new KMS key) creates the new
 *   secret before it deletes the old one without a name clash: each gets a new suffix, in every environment.
 * Everything that needs the secret takes its ARN from the registry-access stack's `registryCredentials` output;
 * a person finds it with `pulumi stack output registryCredentials` or by this prefix.
 */

/** The characters Secrets Manager accepts in a secret name (CreateSecret API reference, `Name`). */
export const SECRET_NAME_CHARACTERS = /^[A-Za-z0-9/_+=.@-]+$/;
/** Secrets Manager's limit on a name's length. */
export const SECRET_NAME_MAX_LENGTH = 512;
/** Length of the unique suffix the AWS provider appends to a `namePrefix` (a timestamp and a counter). */
export const PROVIDER_UNIQUE_SUFFIX_LENGTH = 26;

/** `registry.example.com:5000` in dev → `registry/dev/registry.example.com_5000/`. */
export function registrySecretNamePrefix(env: string, host: string): string {
  if (host.includes("_") || host.includes("/")) {
    throw new Error(`registrySecretNamePrefix: ${JSON.stringify(host)} is not a registry host (no "_" or "/" allowed)`);
  }
  return `registry/${env}/${host.replace(":", "_")}/`;
}

/** The registry host and environment a secret name (or ARN's name part) was made for; undefined for other names. */
export function hostOfSecretName(name: string): { readonly env: string; readonly host: string } | undefined {
  const match = /^registry\/([^/]+)\/([^/]+)\/[^/]*$/.exec(name);
  if (!match) return undefined;
  return { env: match[1]!, host: match[2]!.replace("_", ":") };
}

import {
  PROVIDER_UNIQUE_SUFFIX_LENGTH,
  SECRET_NAME_CHARACTERS,
  SECRET_NAME_MAX_LENGTH,
  hostOfSecretName,
  registrySecretNamePrefix,
} from "../src/registry-secret-name";

/** A name as the AWS provider makes it from a prefix: the prefix and a 26-digit unique suffix. */
const withProviderSuffix = (prefix: string) => `${prefix}${"2".repeat(PROVIDER_UNIQUE_SUFFIX_LENGTH)}`;

describe("registry secret names", () => {
  const hosts = [
    "ghcr.io",
    "registry.example.com:5000",
    "registry.gitlab.com",
    `${"a".repeat(63)}.${"b".repeat(63)}.example.com:65535`,
  ];

  it.each(hosts)("gives %s a name that Secrets Manager accepts in every environment", (host) => {
    for (const env of ["dev", "staging", "prod"]) {
      const name = withProviderSuffix(registrySecretNamePrefix(env, host));
      expect(name).toMatch(SECRET_NAME_CHARACTERS);
      expect(name.length).toBeLessThanOrEqual(SECRET_NAME_MAX_LENGTH);
      // Secrets Manager advises against a name ending in a hyphen and six characters (it looks like an ARN suffix).
      expect(name).not.toMatch(/-[A-Za-z0-9]{6}$/);
    }
  });

  it("writes the port's colon as an underscore, which no host name contains", () => {
    expect(registrySecretNamePrefix("dev", "registry.example.com:5000")).toBe(
      "registry/dev/registry.example.com_5000/",
    );
    expect(registrySecretNamePrefix("prod", "ghcr.io")).toBe("registry/prod/ghcr.io/");
  });

  it.each(hosts)("reads %s back from the name the provider made", (host) => {
    expect(hostOfSecretName(withProviderSuffix(registrySecretNamePrefix("staging", host)))).toEqual({
      env: "staging",
      host,
    });
  });

  it("does not claim a secret that another naming rule made", () => {
    expect(hostOfSecretName("registry/dev/ghcr.io")).toBeUndefined();
    expect(hostOfSecretName("other/dev/ghcr.io/1")).toBeUndefined();
  });
});

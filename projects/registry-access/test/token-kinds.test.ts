// A token that cannot pull from its registry is refused where its value is seen: here, the registry's secret
// config value, which a real preview decrypts before any resource is declared.
import { ConfigError, staticConfigSource } from "@platform/config";
import { REGISTRY_TOKEN_EXAMPLES } from "@platform/testing";
import { registryAccessConfig } from "../src/config";

const KEY = "registry-access:token";
const configWith = (host: string, token: string) =>
  registryAccessConfig(
    staticConfigSource(
      "prod",
      {
        "registry-access:registries": JSON.stringify([{ host, username: "robot", tokenKey: "token" }]),
        [KEY]: token,
      },
      [KEY],
    ),
  );
const refusal = (host: string, prefix: string) => {
  try {
    configWith(host, REGISTRY_TOKEN_EXAMPLES[prefix]!.value);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
};

it("refuses a fine-grained GitHub token for ghcr.io, with the reason and the Fix, and does not show it", () => {
  const message = refusal("ghcr.io", "github_pat_");
  expect(message).toBe(
    "Invalid configuration in Pulumi.prod.yaml (1 problem):\n" +
      '  - `registry-access:token` is "<github_pat_… token, not shown>" in Pulumi.prod.yaml: a GitHub fine-grained ' +
      "personal access token (`github_pat_…`) cannot pull from ghcr.io: GitHub Packages accepts only personal access " +
      "tokens (classic); a fine-grained token gets 401/denied.\n" +
      "    Fix: use a GitHub personal access token (classic) (`ghp_…`, pulls with the `read:packages` scope), then " +
      "pulumi config set --secret registry-access:token <token> --stack prod",
  );
});

it.each([
  ["ghcr.io", "ghs_", /cannot pull from ghcr\.io: GitHub Packages refuses GitHub App tokens/],
  ["registry.gitlab.com", "ghp_", /is a GitHub credential, and registry\.gitlab\.com is a GitLab registry/],
  ["docker.io", "glpat-", /is a GitLab credential, and docker\.io is a Docker Hub registry/],
])("refuses at %s a %s token", (host, prefix, reason) => {
  expect(refusal(host, prefix)).toMatch(reason);
});

it.each([
  ["ghcr.io", "ghp_"],
  ["registry.gitlab.com", "glpat-"],
  ["registry.gitlab.com", "gldt-"],
  ["docker.io", "dckr_pat_"],
  ["docker.io", "dckr_oat_"],
])("accepts at %s a %s token", (host, prefix) => {
  expect(refusal(host, prefix)).toBeUndefined();
});

it("never repeats any token of any kind in a refusal", () => {
  for (const [prefix, { value }] of Object.entries(REGISTRY_TOKEN_EXAMPLES)) {
    for (const host of ["ghcr.io", "registry.gitlab.com", "docker.io", "quay.io"]) {
      expect(refusal(host, prefix) ?? "").not.toContain(value.slice(prefix.length, prefix.length + 8));
    }
  }
});

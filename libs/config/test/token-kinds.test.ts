import { REGISTRY_TOKEN_EXAMPLES, SECRET_EXAMPLES } from "@platform/testing";
import { looksLikeToken, pullRefusal, redactTokens, SECRET_NOT_SHOWN, TOKEN_KINDS, tokenKindOf } from "../src";

const token = (prefix: string) => REGISTRY_TOKEN_EXAMPLES[prefix]!.value;

it("has an example of every kind, and each example is of its kind", () => {
  expect(Object.keys(REGISTRY_TOKEN_EXAMPLES).sort()).toEqual(TOKEN_KINDS.map((kind) => kind.prefix).sort());
  for (const kind of TOKEN_KINDS) expect(tokenKindOf(token(kind.prefix))).toBe(kind);
});

describe("which token can pull from which registry", () => {
  it.each([
    ["ghcr.io", "ghp_"],
    ["ghcr.io", "github_pat_"],
    ["ghcr.io", "ghs_"],
    ["registry.gitlab.com", "glpat-"],
    ["registry.gitlab.com", "gldt-"],
    ["gitlab.example.com", "glpat-"],
    ["containers.github.example.com", "ghp_"],
    ["docker.io", "dckr_pat_"],
    ["docker.io", "dckr_oat_"],
    ["registry.example.com", "not-a-known-format"],
  ])("%s with %s", (host, prefix) => {
    const refusal = pullRefusal(host, REGISTRY_TOKEN_EXAMPLES[prefix]?.value ?? prefix);
    const pulls = !["github_pat_", "ghs_"].includes(prefix);
    expect(refusal === undefined).toBe(pulls);
  });

  it("refuses a fine-grained GitHub token with the reason and what to use instead", () => {
    const refusal = pullRefusal("ghcr.io", token("github_pat_"))!;
    expect(refusal.reason).toBe(
      "a GitHub fine-grained personal access token (`github_pat_…`) cannot pull from ghcr.io: GitHub Packages " +
        "accepts only personal access tokens (classic); a fine-grained token gets 401/denied.",
    );
    expect(refusal.remedy).toBe(
      "use a GitHub personal access token (classic) (`ghp_…`, pulls with the `read:packages` scope)",
    );
  });

  it("refuses a GitHub App installation token, which GitHub Packages does not accept and which expires within hours", () => {
    expect(pullRefusal("ghcr.io", token("ghs_"))!.reason).toMatch(
      /cannot pull from ghcr\.io: GitHub Packages refuses GitHub App tokens/,
    );
  });

  it.each([
    [
      "ghcr.io",
      "glpat-",
      "a GitLab personal access token (`glpat-…`) is a GitLab credential, and ghcr.io is a GitHub registry.",
    ],
    [
      "registry.gitlab.com",
      "dckr_pat_",
      "a Docker Hub personal access token (`dckr_pat_…`) is a Docker Hub credential, and registry.gitlab.com is a GitLab registry.",
    ],
    [
      "docker.io",
      "ghp_",
      "a GitHub personal access token (classic) (`ghp_…`) is a GitHub credential, and docker.io is a Docker Hub registry.",
    ],
    [
      "quay.io",
      "dckr_oat_",
      "a Docker Hub organization access token (`dckr_oat_…`) is a Docker Hub credential, and quay.io is not one of its registries.",
    ],
  ])("refuses at %s a token of another registry (%s)", (host, prefix, reason) => {
    expect(pullRefusal(host, token(prefix))!.reason).toBe(reason);
  });

  it("names the pulling kinds of the registry as the remedy", () => {
    expect(pullRefusal("registry.gitlab.com", token("ghp_"))!.remedy).toBe(
      "use a GitLab personal access token (`glpat-…`, pulls with the `read_registry` scope), or a GitLab deploy token " +
        "(`gldt-…`, pulls with the `read_registry` scope; its user name is the deploy token's (gitlab+deploy-token-<n>))",
    );
    expect(pullRefusal("quay.io", token("dckr_pat_"))!.remedy).toBe(
      "use a token quay.io issues for pulling (read access)",
    );
  });
});

describe("masking uses the same table", () => {
  it.each(SECRET_EXAMPLES.map((example) => [example.name, example] as const))("hides a %s", (_name, example) => {
    const text = `before ${example.value} after`;
    expect(looksLikeToken(example.value)).toBe(true);
    const redacted = redactTokens(text);
    expect(redacted).not.toContain(example.secret);
    expect(redacted).toMatch(/^before .*after$/s);
    expect(redacted).toContain(SECRET_NOT_SHOWN);
    // The same text as JSON (a report's string, with \n for newlines) is hidden as well.
    expect(redactTokens(JSON.stringify({ text }))).not.toContain(example.secret);
  });

  it("keeps a URL's host and path when it hides its user info", () => {
    expect(redactTokens("pull https://robot:s3cret@registry.example.com/v2/acme")).toBe(
      `pull https://${SECRET_NOT_SHOWN}@registry.example.com/v2/acme`,
    );
  });

  it("hides a private key block whose end was cut off, to the end of the text", () => {
    expect(redactTokens("key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nrest")).toBe(`key: ${SECRET_NOT_SHOWN}`);
  });

  it.each([
    ["a git commit", "f54cd0e".padEnd(40, "a1b2c3")],
    ["a sha256 digest", "sha256:" + "ab12".repeat(16)],
    ["a path", "projects/registry-access/Pulumi.prod.yaml"],
    ["an ARN", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/dev/ghcr.io/AbCdEf"],
    ["a URL without a password", "https://robot@registry.example.com/v2/"],
    ["prose naming the prefixes", "use a classic `ghp_…` token, not `github_pat_…`, `glpat-` or `dckr_oat_`"],
  ])("leaves %s alone", (_case, text) => {
    expect(looksLikeToken(text)).toBe(false);
    expect(redactTokens(text)).toBe(text);
  });
});

// One example of every secret format the masking knows, for tests that feed each to every input and assert
// that nothing secret comes out. Built from parts, so no scanner takes this file for a leak. `secret` is the
// part that must never be printed (a URL's host may be).

const body = "Q7rT2xK9mP4vL8nB3wZ6yH1cF5gJ0dS7aE2u";

export interface SecretExample {
  readonly name: string;
  readonly value: string;
  readonly secret: string;
}

const example = (name: string, value: string, secret = value): SecretExample => ({ name, value, secret });

/** One token per registry token kind (token-kinds.ts), by prefix. */
export const REGISTRY_TOKEN_EXAMPLES: Readonly<Record<string, SecretExample>> = {
  ghp_: example("GitHub classic", "ghp_" + body),
  github_pat_: example("GitHub fine-grained", "github_pat_" + "11ABCDEFG0" + body + "_" + body.slice(0, 20)),
  ghs_: example("GitHub App installation", "ghs_" + body),
  "glpat-": example("GitLab personal", "glpat-" + body.slice(0, 20)),
  "gldt-": example("GitLab deploy", "gldt-" + body.slice(0, 20)),
  dckr_pat_: example("Docker Hub personal", "dckr_pat_" + body.slice(0, 27)),
  dckr_oat_: example("Docker Hub organization", "dckr_oat_" + body.slice(0, 32)),
};

const jwt = ["eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0", "c2lnbmF0dXJlX29mX3RoZV90b2tlbg"].join(".");
const ecrPassword = Buffer.from(JSON.stringify({ payload: body, datakey: body, version: "2" })).toString("base64");
const pemBody = Buffer.from(body.repeat(3)).toString("base64");

export const SECRET_EXAMPLES: readonly SecretExample[] = [
  ...Object.values(REGISTRY_TOKEN_EXAMPLES),
  example("URL user info", "https://robot:" + "Pa55w0rdInUrl" + "@registry.example.com/v2/", "Pa55w0rdInUrl"),
  example("JWT", jwt, jwt.split(".")[2]),
  example("ECR password", ecrPassword),
  example("ECR authorization token", Buffer.from(`AWS:${ecrPassword}`).toString("base64")),
  example("AWS secret access key", "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzEXAMPLEKE"),
  example(
    "PEM private key",
    ["-----BEGIN", "PRIVATE KEY-----"].join(" ") + `\n${pemBody}\n` + ["-----END", "PRIVATE KEY-----"].join(" "),
    pemBody.slice(0, 24),
  ),
];

/*
 * The registry token formats this workspace knows, and what each can do. One table: the refusal of a token
 * that cannot pull (registry-access's config check at plan and preview time, the preflight on the secret's
 * value, the rotation command), the expiry check, and masking (secret-values.ts) all read it. No imports, so
 * the programs, the policy pack and the tools load it alike.
 *
 * Sources for what can pull:
 * - GitHub: "GitHub Packages only supports authentication using a personal access token (classic)", with at
 *   least `read:packages` to install (docs.github.com/en/packages/working-with-a-github-packages-registry/
 *   working-with-the-container-registry, the reusable "authenticate-packages"). Fine-grained tokens for
 *   Packages are still an open roadmap item (github/roadmap#558; the 2025-03-18 changelog "Fine-grained PATs
 *   are now generally available" lists Packages among the gaps, as quoted in dependabot/dependabot-core#12180).
 *   App installation tokens: "GitHub Packages doesn't currently support GitHub App tokens. The only exception
 *   is the default GitHub Actions token" (github.com/orgs/community/discussions/26920); a `docker pull` with
 *   one is `denied` even with `packages: read` (jikig-ai/soleur#6073). The Actions token is a `ghs_` too, and
 *   it dies with its job, so in a long-lived ECS secret no `ghs_` token can pull.
 * - GitLab: a personal access token or a deploy token with `read_registry` pulls from the container registry
 *   (docs.gitlab.com user/project/deploy_tokens, user/packages/container_registry/authenticate).
 * - Docker Hub: personal access tokens, and organization access tokens, which Docker documents for
 *   "applications that pull images during deployment" (docs.docker.com/security/access-tokens/
 *   organization-access-tokens).
 * - Expiry: GitHub answers an authenticated API request with `GitHub-Authentication-Token-Expiration`
 *   (google/go-github#2031, github/gh-aw#20097); GitLab's `GET /personal_access_tokens/self` returns the
 *   token's `expires_at` (docs.gitlab.com api/personal_access_tokens). Deploy tokens and Docker Hub tokens
 *   have no such endpoint.
 */

export type TokenIssuer = "GitHub" | "GitLab" | "Docker Hub";

/** Where a token's expiry can be read with the token itself. */
export type ExpiryLookup = "github-api" | "gitlab-api";

export interface TokenKind {
  readonly prefix: string;
  readonly name: string;
  readonly issuer: TokenIssuer;
  /** false: it cannot pull from any registry, whatever its scopes. */
  readonly pulls: boolean;
  /** What it needs to pull, or why it cannot. */
  readonly note: string;
  /** The characters after the prefix, as a regular expression source (masking needs a length to be sure). */
  readonly body: string;
  readonly expiry?: ExpiryLookup;
}

export const TOKEN_KINDS: readonly TokenKind[] = [
  {
    prefix: "ghp_",
    name: "GitHub personal access token (classic)",
    issuer: "GitHub",
    pulls: true,
    note: "pulls with the `read:packages` scope",
    body: "[A-Za-z0-9]{20,}",
    expiry: "github-api",
  },
  {
    prefix: "github_pat_",
    name: "GitHub fine-grained personal access token",
    issuer: "GitHub",
    pulls: false,
    note: "GitHub Packages accepts only personal access tokens (classic); a fine-grained token gets 401/denied",
    body: "[A-Za-z0-9_]{20,}",
    expiry: "github-api",
  },
  {
    prefix: "ghs_",
    name: "GitHub App installation token (or Actions GITHUB_TOKEN)",
    issuer: "GitHub",
    pulls: false,
    note: "GitHub Packages refuses GitHub App tokens, and an installation or Actions token expires within hours",
    body: "[A-Za-z0-9]{20,}",
  },
  {
    prefix: "glpat-",
    name: "GitLab personal access token",
    issuer: "GitLab",
    pulls: true,
    note: "pulls with the `read_registry` scope",
    body: "[A-Za-z0-9_.-]{16,}",
    expiry: "gitlab-api",
  },
  {
    prefix: "gldt-",
    name: "GitLab deploy token",
    issuer: "GitLab",
    pulls: true,
    note: "pulls with the `read_registry` scope; its user name is the deploy token's (gitlab+deploy-token-<n>)",
    body: "[A-Za-z0-9_-]{16,}",
  },
  {
    prefix: "dckr_pat_",
    name: "Docker Hub personal access token",
    issuer: "Docker Hub",
    pulls: true,
    note: "pulls with Read-only access or more",
    body: "[A-Za-z0-9_-]{20,}",
  },
  {
    prefix: "dckr_oat_",
    name: "Docker Hub organization access token",
    issuer: "Docker Hub",
    pulls: true,
    note: "pulls the repositories it is granted; user name: the organization's name",
    body: "[A-Za-z0-9_-]{20,}",
  },
];

/** Registry hosts each issuer runs. GitHub and GitLab also run at other hosts (Enterprise Server, self-managed). */
const ISSUER_HOSTS: Readonly<Record<TokenIssuer, readonly string[]>> = {
  GitHub: ["ghcr.io", "docker.pkg.github.com"],
  GitLab: ["registry.gitlab.com"],
  "Docker Hub": ["docker.io", "index.docker.io", "registry-1.docker.io"],
};
const SELF_HOSTED: ReadonlySet<TokenIssuer> = new Set(["GitHub", "GitLab"]);

/** The kind of a token by its prefix, or undefined for a format this table does not know. */
export function tokenKindOf(token: string): TokenKind | undefined {
  const value = token.trim();
  return TOKEN_KINDS.find((kind) => value.startsWith(kind.prefix));
}

function issuerOfHost(host: string): TokenIssuer | undefined {
  const name = host.toLowerCase();
  return (Object.keys(ISSUER_HOSTS) as TokenIssuer[]).find((issuer) => ISSUER_HOSTS[issuer].includes(name));
}

/** What to use instead, for a registry host: its issuer's kinds that pull, or any token the registry issues. */
export function tokenAdvice(host: string): string {
  const issuer = issuerOfHost(host);
  if (issuer === undefined) return `a token ${host} issues for pulling (read access)`;
  const kinds = TOKEN_KINDS.filter((kind) => kind.issuer === issuer && kind.pulls);
  return kinds.map((kind) => `a ${kind.name} (\`${kind.prefix}…\`, ${kind.note})`).join(", or ");
}

export interface PullRefusal {
  readonly kind: TokenKind;
  /** Why this token cannot pull from this host, as a sentence without the token. */
  readonly reason: string;
  /** What to use instead, without where to put it (the caller knows: config, secret, stdin). */
  readonly remedy: string;
}

/**
 * Why `token` cannot pull from `host`, or undefined when it may (or its format is unknown: then only a pull
 * tells). A kind that pulls nowhere is refused everywhere; a token of one issuer is refused at another
 * issuer's registry, and Docker Hub tokens at any host but Docker Hub's.
 */
export function pullRefusal(host: string, token: string): PullRefusal | undefined {
  const kind = tokenKindOf(token);
  if (kind === undefined) return undefined;
  const remedy = `use ${tokenAdvice(host)}`;
  if (!kind.pulls) {
    return { kind, remedy, reason: `a ${kind.name} (\`${kind.prefix}…\`) cannot pull from ${host}: ${kind.note}.` };
  }
  const hostIssuer = issuerOfHost(host);
  const elsewhere = hostIssuer === undefined ? !SELF_HOSTED.has(kind.issuer) : hostIssuer !== kind.issuer;
  if (!elsewhere) return undefined;
  const whose = hostIssuer === undefined ? "not one of its registries" : `a ${hostIssuer} registry`;
  return {
    kind,
    remedy,
    reason: `a ${kind.name} (\`${kind.prefix}…\`) is a ${kind.issuer} credential, and ${host} is ${whose}.`,
  };
}

import {
  ECR_REPOSITORY_PREFIX,
  PULL_THROUGH_HOSTS,
  parseImageReference,
  pullThroughReference,
  pullThroughUpstream,
} from "../src";

const CACHE = "111111111111.dkr.ecr.eu-central-1.amazonaws.com/cache-dev";
const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("pullThroughReference", () => {
  it.each([
    ["ghcr.io/acme/api:1.4", `${CACHE}/acme/api:1.4`],
    [`ghcr.io/acme/api@${DIGEST}`, `${CACHE}/acme/api@${DIGEST}`],
    [`ghcr.io/acme/api:1.4@${DIGEST}`, `${CACHE}/acme/api:1.4@${DIGEST}`],
    ["nginx:1.27", `${CACHE}/library/nginx:1.27`],
    ["registry.gitlab.com/group/sub/app", `${CACHE}/group/sub/app`],
  ])("pulls %s as %s: same path (Docker Hub's library/ kept), tag and digest", (image, expected) => {
    expect(pullThroughReference(parseImageReference(image), CACHE)).toBe(expected);
  });
});

describe("pullThroughUpstream", () => {
  it.each([
    ["docker.io", "registry-1.docker.io", "docker-hub"],
    ["ghcr.io", "ghcr.io", "ghcr"],
    ["registry.gitlab.com", "registry.gitlab.com", "gitlab"],
    ["cgr.dev", "cgr.dev", "chainguard"],
    ["acme01.azurecr.io", "acme01.azurecr.io", "acr-acme01"],
  ])("serves %s from %s under the prefix %s", (host, upstreamRegistryUrl, prefix) => {
    expect(pullThroughUpstream(host)).toEqual({ host, upstreamRegistryUrl, prefix });
  });

  it.each([
    "quay.io",
    "gitlab.example.com",
    "acme.jfrog.io",
    "gcr.io",
    "europe-docker.pkg.dev",
    "evil.azurecr.io.example",
    "acme.azurecr.io",
    `${"a".repeat(51)}.azurecr.io`,
    "eu.acme01.azurecr.io",
    "acme-01.azurecr.io",
  ])("does not serve %s with credentials", (host) => {
    expect(pullThroughUpstream(host)).toBeUndefined();
  });

  it("serves an Azure registry of 50 characters, the longest name Azure allows", () => {
    const host = `${"a".repeat(50)}.azurecr.io`;
    expect(pullThroughUpstream(host)).toEqual({ host, upstreamRegistryUrl: host, prefix: `acr-${"a".repeat(50)}` });
  });

  it("names every host it serves, for messages", () => {
    expect(PULL_THROUGH_HOSTS).toEqual(["docker.io", "ghcr.io", "registry.gitlab.com", "cgr.dev", "<name>.azurecr.io"]);
  });
});

describe("ECR_REPOSITORY_PREFIX", () => {
  it.each(["ab", "ghcr-dev", "team/ghcr", "a.b_c-d/e1", "x".repeat(30)])("accepts %j", (prefix) => {
    expect(ECR_REPOSITORY_PREFIX.test(prefix)).toBe(true);
  });

  it.each(["a", "x".repeat(31), "Ghcr", "ghcr-", "-ghcr", "ghcr/", "/ghcr", "gh//cr", "gh..cr", "gh cr", "ghcr\n"])(
    "refuses %j, which CreatePullThroughCacheRule refuses",
    (prefix) => {
      expect(ECR_REPOSITORY_PREFIX.test(prefix)).toBe(false);
    },
  );
});

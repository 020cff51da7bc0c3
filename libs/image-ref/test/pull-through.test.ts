import { parseImageReference, pullThroughReference, pullThroughUpstream } from "../src";

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
  ])("does not serve %s with credentials", (host) => {
    expect(pullThroughUpstream(host)).toBeUndefined();
  });
});

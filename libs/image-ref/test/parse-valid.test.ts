import { parseImageReference } from "../src";

const sha256 = `sha256:${"0123456789abcdef".repeat(4)}`;
const sha512 = `sha512:${"0123456789abcdef".repeat(8)}`;
const ghcrPrivate = "ghcr.io/jonashackt/microservice-api-spring-boot-private";

describe("parseImageReference on valid references", () => {
  it.each([
    // input, host, repository, tag, digest, canonical
    [
      `${ghcrPrivate}:latest`,
      "ghcr.io",
      "jonashackt/microservice-api-spring-boot-private",
      "latest",
      undefined,
      `${ghcrPrivate}:latest`,
    ],
    [
      `${ghcrPrivate}@${sha256}`,
      "ghcr.io",
      "jonashackt/microservice-api-spring-boot-private",
      undefined,
      sha256,
      `${ghcrPrivate}@${sha256}`,
    ],
    [
      `${ghcrPrivate}:1.4.2@${sha256}`,
      "ghcr.io",
      "jonashackt/microservice-api-spring-boot-private",
      "1.4.2",
      sha256,
      `${ghcrPrivate}:1.4.2@${sha256}`,
    ],
    ["nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx"],
    [
      "nginx:1.27-alpine",
      "docker.io",
      "library/nginx",
      "1.27-alpine",
      undefined,
      "docker.io/library/nginx:1.27-alpine",
    ],
    [`nginx@${sha512}`, "docker.io", "library/nginx", undefined, sha512, `docker.io/library/nginx@${sha512}`],
    ["docker.io/nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx"],
    ["index.docker.io/nginx", "docker.io", "library/nginx", undefined, undefined, "docker.io/library/nginx"],
    ["bitnami/redis:7.4", "docker.io", "bitnami/redis", "7.4", undefined, "docker.io/bitnami/redis:7.4"],
    ["quay.io/nginx", "quay.io", "nginx", undefined, undefined, "quay.io/nginx"],
    ["localhost/app", "localhost", "app", undefined, undefined, "localhost/app"],
    ["localhost:5000/a/b", "localhost:5000", "a/b", undefined, undefined, "localhost:5000/a/b"],
    ["localhost:5000/a/b:dev", "localhost:5000", "a/b", "dev", undefined, "localhost:5000/a/b:dev"],
    ["10.0.0.7:5000/team/app:v1", "10.0.0.7:5000", "team/app", "v1", undefined, "10.0.0.7:5000/team/app:v1"],
    ["[::1]:5000/app:v1", "[::1]:5000", "app", "v1", undefined, "[::1]:5000/app:v1"],
    ["GHCR.io/acme/app:v1", "ghcr.io", "acme/app", "v1", undefined, "ghcr.io/acme/app:v1"],
    [
      "registry.example.com/a/b/c/d:V_1.2-rc",
      "registry.example.com",
      "a/b/c/d",
      "V_1.2-rc",
      undefined,
      "registry.example.com/a/b/c/d:V_1.2-rc",
    ],
    [
      "foo__bar/baz--qux.x_y",
      "docker.io",
      "foo__bar/baz--qux.x_y",
      undefined,
      undefined,
      "docker.io/foo__bar/baz--qux.x_y",
    ],
    [
      "public.ecr.aws/nginx/nginx:stable",
      "public.ecr.aws",
      "nginx/nginx",
      "stable",
      undefined,
      "public.ecr.aws/nginx/nginx:stable",
    ],
    [
      "123456789012.dkr.ecr.eu-central-1.amazonaws.com/api:2",
      "123456789012.dkr.ecr.eu-central-1.amazonaws.com",
      "api",
      "2",
      undefined,
      "123456789012.dkr.ecr.eu-central-1.amazonaws.com/api:2",
    ],
  ])("parses %s", (input, host, repository, tag, digest, canonical) => {
    const ref = parseImageReference(input);
    // toEqual passes over undefined fields, so a reference without a tag matches `tag: undefined` here.
    expect(ref).toEqual({ original: input, host, repository, tag, digest, canonical });
  });

  it("does not imply the latest tag", () => {
    const ref = parseImageReference("nginx");
    expect(ref.tag).toBeUndefined();
    expect("tag" in ref).toBe(false);
  });

  it("returns a canonical form that parses back to itself", () => {
    for (const input of ["nginx", "localhost:5000/a/b:dev", `${ghcrPrivate}:1@${sha256}`, "GHCR.io/acme/app"]) {
      const { canonical } = parseImageReference(input);
      expect(parseImageReference(canonical).canonical).toBe(canonical);
    }
  });

  it("returns a frozen object", () => {
    expect(Object.isFrozen(parseImageReference("nginx"))).toBe(true);
  });

  it("accepts a tag of exactly 128 characters", () => {
    expect(parseImageReference(`app:${"t".repeat(128)}`).tag).toHaveLength(128);
  });
});

import { isDigestPinned, needsRepositoryCredentials, parseImageReference } from "../src";

const digest = `sha256:${"ab".repeat(32)}`;
const allowList = ["docker.io/library/", "public.ecr.aws/"];

describe("needsRepositoryCredentials", () => {
  it.each([
    ["ghcr.io/jonashackt/microservice-api-spring-boot-private:latest", allowList, true],
    [`ghcr.io/acme/app@${digest}`, allowList, true],
    ["registry.gitlab.com/acme/app:1", allowList, true],
    ["bitnami/redis:7", allowList, true],
    ["localhost:5000/a/b", allowList, true],
    ["nginx", allowList, false],
    ["docker.io/library/nginx:1.27", allowList, false],
    ["nginx", [], true],
    ["111111111111.dkr.ecr.eu-central-1.amazonaws.com/api:2", [], false],
    ["333333333333.dkr.ecr.cn-north-1.amazonaws.com.cn/api:2", [], false],
    ["public.ecr.aws/nginx/nginx:stable", [], false],
    ["ghcr.io/acme/app:1", ["ghcr.io/acme/"], false],
    ["ghcr.io/acme-evil/app:1", ["ghcr.io/acme/"], true],
    ["ghcr.io/acme/app:1", [""], true],
  ] as const)("for %s with allow-list %j is %s", (image, list, expected) => {
    expect(needsRepositoryCredentials(parseImageReference(image), list)).toBe(expected);
  });

  it("matches an allow-listed prefix on the original string as well as the canonical form", () => {
    // The canonical form is docker.io/bitnami/redis; only the original starts with "bitnami/".
    expect(needsRepositoryCredentials(parseImageReference("bitnami/redis:7"), ["bitnami/"])).toBe(false);
  });

  it("requires credentials by default, when no allow-list is given", () => {
    expect(needsRepositoryCredentials(parseImageReference("nginx"))).toBe(true);
  });
});

describe("isDigestPinned", () => {
  it.each([
    [`ghcr.io/acme/app@${digest}`, true],
    [`ghcr.io/acme/app:1.0@${digest}`, true],
    ["ghcr.io/acme/app:1.0", false],
    ["ghcr.io/acme/app", false],
  ])("for %s is %s", (image, expected) => {
    expect(isDigestPinned(parseImageReference(image))).toBe(expected);
  });
});

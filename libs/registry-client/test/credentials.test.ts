import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerConfigError, parseChallenge, resolveCredentials, unusedEnvironmentCredentials } from "../src";

let dir: string;
let configPath: string;
const base64 = (text: string) => Buffer.from(text).toString("base64");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "docker-config-"));
  configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      auths: {
        "ghcr.io": { auth: base64("octo:ghp_token:with:colons") },
        "https://index.docker.io/v1/": { auth: base64("hubuser:hubpass") },
        "registry.example.com": { username: "plain", password: "fields" },
      },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolveCredentials", () => {
  it("prefers explicit arguments over the environment and the Docker config", () => {
    const env = { REGISTRY_HOST: "ghcr.io", REGISTRY_USERNAME: "env-user", REGISTRY_PASSWORD: "env-pass" };
    const found = resolveCredentials("ghcr.io", { username: "me", password: "pw", env, dockerConfigPath: configPath });
    expect(found).toEqual({ username: "me", password: "pw", source: "explicit arguments" });
  });

  it("prefers REGISTRY_USERNAME/REGISTRY_PASSWORD over the Docker config for the REGISTRY_HOST they belong to", () => {
    const env = { REGISTRY_HOST: "ghcr.io", REGISTRY_USERNAME: "env-user", REGISTRY_PASSWORD: "env-pass" };
    expect(resolveCredentials("ghcr.io", { env, dockerConfigPath: configPath })).toEqual({
      username: "env-user",
      password: "env-pass",
      source: "REGISTRY_HOST/REGISTRY_USERNAME/REGISTRY_PASSWORD",
    });
    expect(resolveCredentials("ghrc.io", { env, dockerConfigPath: configPath })).toBeUndefined();
  });

  it("ignores REGISTRY_USERNAME/REGISTRY_PASSWORD without REGISTRY_HOST", () => {
    const env = { REGISTRY_USERNAME: "env-user", REGISTRY_PASSWORD: "env-pass" };
    expect(resolveCredentials("ghcr.io", { env, dockerConfigPath: configPath })?.username).toBe("octo");
    expect(resolveCredentials("quay.io", { env, dockerConfigPath: configPath })).toBeUndefined();
  });

  it("matches REGISTRY_HOST written as a URL or in capitals, and Docker Hub by any of its names", () => {
    const pair = { REGISTRY_USERNAME: "env-user", REGISTRY_PASSWORD: "env-pass" };
    const found = (host: string, envHost: string) =>
      resolveCredentials(host, { env: { ...pair, REGISTRY_HOST: envHost }, dockerConfigPath: "/nonexistent" });
    expect(found("ghcr.io", "https://GHCR.io/")?.username).toBe("env-user");
    expect(found("docker.io", "index.docker.io")?.username).toBe("env-user");
    expect(found("docker.io", "registry-1.docker.io")?.username).toBe("env-user");
    expect(found("registry-1.docker.io", "docker.io")?.username).toBe("env-user");
    expect(found("ghcr.io", " ghcr.io\n")?.username).toBe("env-user");
  });

  it("refuses a Docker config that is not JSON without quoting any of it", () => {
    const broken = join(dir, "broken.json");
    const secret = base64("octo:ghp_notshown0123456789abcdefghij");
    writeFileSync(broken, `{"auths": {"ghcr.io": {"auth": "${secret}"}},,}`);
    let error: unknown;
    try {
      resolveCredentials("ghcr.io", { env: {}, dockerConfigPath: broken });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DockerConfigError);
    expect((error as Error).name).toBe("DockerConfigError");
    expect((error as Error).message).toContain(`${broken} is not valid JSON`);
    expect((error as Error).message).toContain(`Fix: correct or remove ${broken}, or run docker login again`);
    expect((error as Error).message).not.toContain(secret.slice(0, 8));
  });

  it("decodes the base64 auth of the Docker config, splitting at the first colon only", () => {
    const found = resolveCredentials("ghcr.io", { env: {}, dockerConfigPath: configPath });
    expect(found).toEqual({ username: "octo", password: "ghp_token:with:colons", source: configPath });
  });

  it("finds Docker Hub credentials stored under the legacy index URL", () => {
    expect(resolveCredentials("docker.io", { env: {}, dockerConfigPath: configPath })?.username).toBe("hubuser");
  });

  it("reads username and password fields when an entry has no auth string", () => {
    const found = resolveCredentials("registry.example.com", { env: {}, dockerConfigPath: configPath });
    expect(found?.password).toBe("fields");
  });

  it("returns undefined (anonymous) for a host with no entry or when there is no config file", () => {
    expect(resolveCredentials("quay.io", { env: {}, dockerConfigPath: configPath })).toBeUndefined();
    expect(resolveCredentials("ghcr.io", { env: {}, dockerConfigPath: join(dir, "missing.json") })).toBeUndefined();
  });

  it("reads $DOCKER_CONFIG/config.json when no path is given", () => {
    expect(resolveCredentials("ghcr.io", { env: { DOCKER_CONFIG: dir } })?.username).toBe("octo");
  });

  // What `docker login` never writes but a hand-edited file may hold: anonymous, not a crash or an empty user name.
  it.each([
    ["null", "null"],
    ["auths of null", { auths: null }],
    ["an entry of null", { auths: { "ghcr.io": null } }],
    ["an auth without a colon", { auths: { "ghcr.io": { auth: base64("just-a-token") } } }],
    ["an auth with no user name", { auths: { "ghcr.io": { auth: base64(":pw") } } }],
    ["an empty auth", { auths: { "ghcr.io": { auth: "" } } }],
  ])("finds no credentials in a Docker config with %s", (_what, config) => {
    const odd = join(dir, "odd.json");
    writeFileSync(odd, typeof config === "string" ? config : JSON.stringify(config));
    expect(resolveCredentials("ghcr.io", { env: {}, dockerConfigPath: odd })).toBeUndefined();
  });
});

describe("unusedEnvironmentCredentials, the hint of a 401", () => {
  const pair = { REGISTRY_USERNAME: "env-user", REGISTRY_PASSWORD: "env-pass" };

  it.each([
    ["no pair", {}],
    ["a user name alone", { REGISTRY_HOST: "quay.io", REGISTRY_USERNAME: "env-user" }],
    ["a password alone", { REGISTRY_HOST: "quay.io", REGISTRY_PASSWORD: "env-pass" }],
    ["the pair of this very host", { ...pair, REGISTRY_HOST: "https://GHCR.io/" }],
  ])("has nothing to say for %s", (_what, env) => {
    expect(unusedEnvironmentCredentials("ghcr.io", env)).toBeUndefined();
  });

  it("names the host the pair belongs to, or the missing REGISTRY_HOST", () => {
    expect(unusedEnvironmentCredentials("ghcr.io", { ...pair, REGISTRY_HOST: "quay.io" })).toBe(
      'REGISTRY_USERNAME/REGISTRY_PASSWORD belong to REGISTRY_HOST "quay.io", not ghcr.io',
    );
    expect(unusedEnvironmentCredentials("ghcr.io", pair)).toBe(
      "REGISTRY_USERNAME/REGISTRY_PASSWORD are set without REGISTRY_HOST, so no registry gets them",
    );
  });
});

describe("parseChallenge", () => {
  it("reads a Bearer challenge's realm, service and scope", () => {
    const header = 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/a:pull"';
    expect(parseChallenge(header)).toEqual({
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io", scope: "repository:o/a:pull" },
    });
  });

  it("reads a Basic challenge and ignores schemes no registry uses", () => {
    expect(parseChallenge('Basic realm="basic-realm"')?.scheme).toBe("basic");
    expect(parseChallenge('Digest realm="x"')).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });
});

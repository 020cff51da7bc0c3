import { getManifest, ManifestNotFoundError, resolveManifest, RegistryUnauthorizedError } from "../src";
import { startLocalRegistry, type LocalRegistry } from "./support/local-registry";
import { pushImage, type PushedImage } from "./support/push-image";

let registry: LocalRegistry;
let pushed: PushedImage;
const noDockerConfig = { env: {}, dockerConfigPath: "/nonexistent/config.json" };

beforeAll(async () => {
  registry = await startLocalRegistry();
  pushed = await pushImage(registry, "team/app", "1.0");
});
afterAll(async () => {
  await registry?.stop();
});

function asUser(password = registry.password) {
  return { ...noDockerConfig, username: registry.username, password };
}

/** The error a promise rejects with; a promise that resolves fails the test. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if ("resolved" in outcome) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)}`);
  return outcome.error;
}

describe("resolveManifest against a real docker-registry with htpasswd auth", () => {
  it("resolves localhost:<port>/team/app:1.0 to the digest of the manifest bytes that were pushed", async () => {
    const resolved = await resolveManifest(`${registry.host}/team/app:1.0`, asUser());
    expect(resolved.digest).toBe(pushed.manifestDigest);
    expect(resolved.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(resolved.username).toBe(registry.username);
  });

  it("resolves a reference by digest to that same digest", async () => {
    const resolved = await resolveManifest(`${registry.host}/team/app@${pushed.manifestDigest}`, asUser());
    expect(resolved.digest).toBe(pushed.manifestDigest);
  });

  it("takes the credentials from REGISTRY_USERNAME and REGISTRY_PASSWORD when REGISTRY_HOST is its host", async () => {
    const env = {
      REGISTRY_HOST: registry.host,
      REGISTRY_USERNAME: registry.username,
      REGISTRY_PASSWORD: registry.password,
    };
    const resolved = await resolveManifest(`${registry.host}/team/app:1.0`, { ...noDockerConfig, env });
    expect(resolved.digest).toBe(pushed.manifestDigest);
  });

  it("GETs the manifest body, whose sha256 is the digest", async () => {
    const fetched = await getManifest(`${registry.host}/team/app:1.0`, asUser());
    expect(fetched.body.equals(pushed.manifestBytes)).toBe(true);
    expect(fetched.digest).toBe(pushed.manifestDigest);
  });

  it("fails a wrong password with a 401 error that names the username and never the password", async () => {
    const error = await failureOf(resolveManifest(`${registry.host}/team/app:1.0`, asUser("wrong-password")));
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    const message = (error as Error).message;
    expect(message).toContain("401");
    expect(message).toContain(`"${registry.username}"`);
    expect(message).not.toContain("wrong-password");
    expect((error as RegistryUnauthorizedError).username).toBe(registry.username);
  });

  it("fails an anonymous request with a 401 error that says no credentials were sent", async () => {
    const error = await failureOf(resolveManifest(`${registry.host}/team/app:1.0`, noDockerConfig));
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect((error as Error).message).toMatch(/401.*anonymous/s);
    expect((error as RegistryUnauthorizedError).username).toBeUndefined();
  });

  it("fails a missing repository with a 404 error", async () => {
    const error = await failureOf(resolveManifest(`${registry.host}/team/missing:1.0`, asUser()));
    expect(error).toBeInstanceOf(ManifestNotFoundError);
    expect((error as Error).message).toContain("404");
  });

  it("fails a missing tag with a 404 error", async () => {
    const error = await failureOf(resolveManifest(`${registry.host}/team/app:9.9`, asUser()));
    expect(error).toBeInstanceOf(ManifestNotFoundError);
  });
});

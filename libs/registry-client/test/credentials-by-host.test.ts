// Credentials are looked up by registry host, and sent to that host only: a loopback registry that records
// every Authorization header it receives must never see the password of another host.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveManifest, RegistryUnauthorizedError } from "../src";
import {
  authorizationsSeen,
  basic,
  startRecordingServer,
  type RecordingServer,
  MANIFEST,
  MANIFEST_DIGEST,
} from "./support/recording-server";

const digest = MANIFEST_DIGEST;
const ghcrPassword = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const otherPassword = "other-host-pa55word";
let registry: RecordingServer;
let dir: string;
let dockerConfigPath: string;

beforeAll(async () => {
  // Protected by Basic auth for the user "local" only; answers the manifest to that user.
  registry = await startRecordingServer((request, response) => {
    if (request.headers.authorization !== basic("local", "local-pass")) {
      return void response.writeHead(401, { "www-authenticate": 'Basic realm="test"' }).end();
    }
    response.writeHead(200, {
      "docker-content-digest": digest,
      "content-type": "application/vnd.oci.image.index.v1+json",
    });
    response.end(MANIFEST);
  });
  dir = mkdtempSync(join(tmpdir(), "docker-config-by-host-"));
  dockerConfigPath = join(dir, "config.json");
  const auth = (user: string, password: string) => ({ auth: Buffer.from(`${user}:${password}`).toString("base64") });
  writeFileSync(
    dockerConfigPath,
    JSON.stringify({
      auths: { "ghcr.io": auth("octo", ghcrPassword), "registry.example.com": auth("x", otherPassword) },
    }),
  );
});
afterAll(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => (registry.requests.length = 0));

const image = () => `${registry.host}/team/app:1.0`;
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the pull to be refused");
    },
    (error: unknown) => error as Error,
  );

describe("credentials looked up by registry host", () => {
  it("sends REGISTRY_USERNAME/REGISTRY_PASSWORD of another REGISTRY_HOST nowhere, and says why in the 401", async () => {
    const env = { REGISTRY_HOST: "ghcr.io", REGISTRY_USERNAME: "octo", REGISTRY_PASSWORD: ghcrPassword };
    const error = await failureOf(resolveManifest(image(), { env, dockerConfigPath }));
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect(error.message).toContain('belong to REGISTRY_HOST "ghcr.io"');
    expect(registry.requests.length).toBeGreaterThan(0);
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("sends REGISTRY_USERNAME/REGISTRY_PASSWORD without a REGISTRY_HOST to no registry", async () => {
    const env = { REGISTRY_USERNAME: "octo", REGISTRY_PASSWORD: ghcrPassword };
    const error = await failureOf(resolveManifest(image(), { env, dockerConfigPath }));
    expect(error.message).toContain("set without REGISTRY_HOST, so no registry gets them");
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("sends none of the Docker config's entries for other hosts, and says how to hand this host's over", async () => {
    const error = await failureOf(resolveManifest(image(), { env: {}, dockerConfigPath }));
    expect(error.message).toContain(
      `set REGISTRY_HOST, REGISTRY_USERNAME and REGISTRY_PASSWORD (REGISTRY_HOST=${registry.host}) or run docker login`,
    );
    expect(authorizationsSeen(registry).join("\n")).not.toMatch(new RegExp(`${ghcrPassword}|${otherPassword}`));
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("sends the environment's credentials when REGISTRY_HOST names this registry", async () => {
    const env = { REGISTRY_HOST: registry.host, REGISTRY_USERNAME: "local", REGISTRY_PASSWORD: "local-pass" };
    const resolved = await resolveManifest(image(), { env, dockerConfigPath });
    expect(resolved.digest).toBe(digest);
    expect(authorizationsSeen(registry)).toEqual(["local:local-pass"]);
  });
});

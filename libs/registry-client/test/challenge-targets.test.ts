// Where a challenge may send credentials: the realm is checked as crane checks it (and within the registry's
// own domain), and a registry's credentials never follow a redirect to another host. Every server here
// records the Authorization headers it receives; a refused realm or host must receive nothing at all.
import { resolveManifest, RegistryError, RegistryUnauthorizedError } from "../src";
import { resolveTrustingTestCertificate } from "./support/resolve-trusting";
import {
  authorizationsSeen,
  basic,
  startRecordingServer,
  type RecordingServer,
  MANIFEST,
  MANIFEST_DIGEST,
} from "./support/recording-server";

const digest = MANIFEST_DIGEST;
const password = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2";
const explicit = { env: {}, dockerConfigPath: "/nonexistent/config.json", username: "robot", password };
const mediaType = "application/vnd.oci.image.index.v1+json";
const servers: RecordingServer[] = [];

async function server(handler: Parameters<typeof startRecordingServer>[0], tls = false) {
  const started = await startRecordingServer(handler, tls);
  servers.push(started);
  return started;
}
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** A token endpoint that would hand out a token to anyone: only its records matter. */
const tokenEndpoint = () =>
  server((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"token":"t"}'));

/** A registry whose Bearer challenge names `realm(self)`, and that serves the manifest to the token "t". */
const bearerRegistry = (realm: (self: RecordingServer) => string, tls = false) =>
  server((request, response, self) => {
    if (request.url?.startsWith("/token")) return void response.writeHead(200).end('{"token":"t"}');
    if (request.headers.authorization !== "Bearer t") {
      return void response.writeHead(401, { "www-authenticate": `Bearer realm="${realm(self)}",service="s"` }).end();
    }
    response.writeHead(200, { "docker-content-digest": digest, "content-type": mediaType }).end(MANIFEST);
  }, tls);

async function refusal(image: string, options: Parameters<typeof resolveManifest>[1]): Promise<Error> {
  const outcome = await resolveManifest(image, options).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (outcome === undefined) throw new Error(`expected ${image} to be refused`);
  return outcome;
}

describe("the Bearer realm", () => {
  it("gets nothing when it is on another host than the registry", async () => {
    const tokens = await tokenEndpoint();
    const registry = await bearerRegistry(() => `http://localhost:${tokens.port}/token`);
    const error = await refusal(`${registry.host}/team/app:1.0`, explicit);
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect(error.message).toContain("names a token endpoint that gets nothing");
    expect(tokens.requests).toEqual([]);
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("gets nothing when it is another port of the registry's loopback address", async () => {
    const tokens = await tokenEndpoint();
    const registry = await bearerRegistry(() => `${tokens.origin}/token`);
    await refusal(`${registry.host}/team/app:1.0`, explicit);
    expect(tokens.requests).toEqual([]);
  });

  it("gets nothing over http when the registry is https, even on the registry's own host", async () => {
    const registry = await bearerRegistry((self) => `http://${self.host}/token`, true);
    const outcome = await resolveTrustingTestCertificate(`${registry.host}/team/app:1.0`, {
      ...explicit,
      scheme: "https",
    });
    expect(outcome).toMatchObject({ error: { name: "RegistryUnauthorizedError" } });
    expect("error" in outcome && outcome.error.message).toMatch(/is not https/);
    expect(registry.requests.map((r) => r.path)).toEqual(["/v2/team/app/manifests/1.0"]);
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("gets the Basic credentials over https on the registry's own host, and the token goes back to it", async () => {
    const registry = await bearerRegistry((self) => `https://${self.host}/token`, true);
    const outcome = await resolveTrustingTestCertificate(`${registry.host}/team/app:1.0`, {
      ...explicit,
      scheme: "https",
    });
    expect(outcome).toEqual({ digest });
    expect(authorizationsSeen(registry)).toEqual([`robot:${password}`, "Bearer t"]);
  });
});

describe("a redirect to another host", () => {
  it("gets nothing when it challenges, though the registry asked for credentials first", async () => {
    const elsewhere = await server((_request, response, self) => {
      const challenge = `Bearer realm="${self.origin}/token",service="s"`;
      response.writeHead(401, { "www-authenticate": challenge }).end();
    });
    const registry = await server((request, response) => {
      if (request.headers.authorization !== basic("robot", password)) {
        return void response.writeHead(401, { "www-authenticate": 'Basic realm="r"' }).end();
      }
      response.writeHead(307, { location: `http://localhost:${elsewhere.port}${request.url}` }).end();
    });
    const error = await refusal(`${registry.host}/team/app:1.0`, explicit);
    expect(error).toBeInstanceOf(RegistryError);
    expect(authorizationsSeen(registry)).toContain(`robot:${password}`);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    expect(authorizationsSeen(elsewhere)).toEqual([]);
  });

  it("gets nothing when the registry sends an anonymous request there and that host challenges", async () => {
    const elsewhere = await server((_request, response) =>
      response.writeHead(401, { "www-authenticate": 'Basic realm="elsewhere"' }).end(),
    );
    const registry = await server((request, response) =>
      response.writeHead(302, { location: `http://localhost:${elsewhere.port}${request.url}` }).end(),
    );
    const error = await refusal(`${registry.host}/team/app:1.0`, explicit);
    expect(error.message).toContain("are sent to");
    expect(authorizationsSeen(elsewhere)).toEqual([]);
    expect(authorizationsSeen(registry)).toEqual([]);
  });

  it("serves the manifest without the registry's Authorization header (a CDN answering for it)", async () => {
    const cdn = await server((_request, response) =>
      response.writeHead(200, { "docker-content-digest": digest, "content-type": mediaType }).end(MANIFEST),
    );
    const registry = await server((request, response) => {
      if (request.headers.authorization !== basic("robot", password)) {
        return void response.writeHead(401, { "www-authenticate": 'Basic realm="r"' }).end();
      }
      response.writeHead(307, { location: `http://localhost:${cdn.port}/blob` }).end();
    });
    const resolved = await resolveManifest(`${registry.host}/team/app:1.0`, explicit);
    expect(resolved.digest).toBe(digest);
    expect(cdn.requests).toHaveLength(1);
    expect(authorizationsSeen(cdn)).toEqual([]);
  });
});

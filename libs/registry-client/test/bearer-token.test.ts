import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveManifest, RegistryUnauthorizedError } from "../src";
import { MANIFEST, MANIFEST_DIGEST } from "./support/recording-server";

/*
 * Debian's docker-registry only does Bearer with an external token server and signing certificates, so
 * the token handshake is checked against a small HTTP server that speaks the token spec
 * (https://distribution.github.io/distribution/spec/auth/token/) and records what it was sent.
 */
const digest = MANIFEST_DIGEST;
let server: Server;
let host: string;
const tokenRequests: { query: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    if (url.pathname === "/token") {
      tokenRequests.push({ query: url.search, authorization: request.headers.authorization });
      const valid = `Basic ${Buffer.from("robot:pat-123").toString("base64")}`;
      if (request.headers.authorization !== valid) return void response.writeHead(401).end();
      return void response.writeHead(200, { "content-type": "application/json" }).end('{"token":"t-1"}');
    }
    if (request.headers.authorization !== "Bearer t-1") {
      const realm = `http://${host}/token`;
      const challenge = `Bearer realm="${realm}",service="test-registry",scope="repository:team/app:pull"`;
      return void response.writeHead(401, { "www-authenticate": challenge }).end();
    }
    const mediaType = "application/vnd.oci.image.index.v1+json";
    response.writeHead(200, { "docker-content-digest": digest, "content-type": mediaType });
    response.end(MANIFEST);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const noAmbient = { env: {}, dockerConfigPath: "/nonexistent/config.json" };

describe("the Bearer token handshake", () => {
  it("asks the realm for a token with service and scope, sending Basic credentials, then retries with it", async () => {
    tokenRequests.length = 0;
    const options = { ...noAmbient, username: "robot", password: "pat-123" };
    const resolved = await resolveManifest(`${host}/team/app:1.0`, options);
    expect(resolved.digest).toBe(digest);
    expect(resolved.mediaType).toBe("application/vnd.oci.image.index.v1+json");
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.query).toBe("?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull");
  });

  it("reports a token endpoint's 401 with the username that was sent", async () => {
    const options = { ...noAmbient, username: "robot", password: "wrong" };
    const error: unknown = await resolveManifest(`${host}/team/app:1.0`, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnauthorizedError);
    expect((error as Error).message).toMatch(/^401 Unauthorized: the token endpoint .* refused them .*as user "robot"/);
    expect((error as Error).message).not.toContain("wrong");
  });
});

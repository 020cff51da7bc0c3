// What a registry (or wherever it redirects) may make the client read and believe: a manifest up to 4 MiB and
// a token answer up to 1 MiB, read as streams and cut off past that; no hop from https down to plain http; and
// the digest of a tag is the sha256 of the bytes received, never a header's word; and a token of a kind that
// cannot pull from the registry is not sent at all.
import { createHash } from "node:crypto";
import {
  MAX_MANIFEST_BYTES,
  MAX_TOKEN_RESPONSE_BYTES,
  RegistryError,
  RegistryUnreachableError,
  resolveManifest,
} from "../src";
import { REGISTRY_TOKEN_EXAMPLES } from "@platform/testing";
import { resolveTrustingTestCertificate } from "./support/resolve-trusting";
import { MANIFEST, MANIFEST_DIGEST, startRecordingServer, type RecordingServer } from "./support/recording-server";

const anonymous = { credentials: null, env: {} } as const;
const mediaType = "application/vnd.oci.image.manifest.v1+json";
const servers: RecordingServer[] = [];
async function server(handler: Parameters<typeof startRecordingServer>[0], tls = false) {
  const started = await startRecordingServer(handler, tls);
  servers.push(started);
  return started;
}
afterAll(() => Promise.all(servers.map((s) => s.close())));

const failure = (image: string, options: Parameters<typeof resolveManifest>[1] = anonymous) =>
  resolveManifest(image, options).then(
    () => {
      throw new Error(`expected ${image} to fail`);
    },
    (error: Error) => error,
  );

/** Writes `total` bytes in 64 KiB chunks, without a Content-Length (chunked), noting how many went out. */
function stream(total: number, sent: { bytes: number }) {
  return (_request: unknown, response: import("node:http").ServerResponse) => {
    response.writeHead(200, { "content-type": mediaType });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const next = () => {
      while (sent.bytes < total) {
        sent.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", next);
      }
      response.end();
    };
    response.on("error", () => undefined);
    next();
  };
}

describe("a manifest", () => {
  it("of 64 MiB by its Content-Length is refused before its body is read", async () => {
    const registry = await server((_request, response) => {
      response.writeHead(200, { "content-type": mediaType, "content-length": String(64 * 1024 * 1024) });
      response.write(Buffer.alloc(1024));
    });
    const error = await failure(`${registry.host}/team/app:1.0`);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `the manifest of ${registry.host}/team/app:1.0 is 67108864 bytes by its Content-Length, more than the 4 MiB ` +
        `allowed; not read further (image ${registry.host}/team/app:1.0, anonymous, no credentials)`,
    );
  });

  it("that streams past 4 MiB without a Content-Length is cut off there", async () => {
    const sent = { bytes: 0 };
    const registry = await server(stream(64 * 1024 * 1024, sent));
    const error = await failure(`${registry.host}/team/app:1.0`);
    expect(error.message).toContain(`is more than ${MAX_MANIFEST_BYTES} bytes, more than the 4 MiB allowed`);
    // The server stopped within a few socket buffers of the limit, not at 64 MiB.
    expect(sent.bytes).toBeLessThan(16 * 1024 * 1024);
  });

  it("of exactly 4 MiB is read, and its digest is that of its bytes", async () => {
    const body = Buffer.alloc(MAX_MANIFEST_BYTES, 0x20);
    const registry = await server((_request, response) =>
      response.writeHead(200, { "content-type": mediaType }).end(body),
    );
    const resolved = await resolveManifest(`${registry.host}/team/app:1.0`, anonymous);
    expect(resolved.digest).toBe(`sha256:${createHash("sha256").update(body).digest("hex")}`);
    expect(resolved.size).toBe(MAX_MANIFEST_BYTES);
  });
});

describe("the digest of a tag", () => {
  it("is the sha256 of the bytes received, with the registry's header in agreement", async () => {
    const registry = await server((_request, response) =>
      response.writeHead(200, { "content-type": mediaType, "docker-content-digest": MANIFEST_DIGEST }).end(MANIFEST),
    );
    expect((await resolveManifest(`${registry.host}/team/app:1.0`, anonymous)).digest).toBe(MANIFEST_DIGEST);
    expect(registry.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("is refused when the header names other bytes than those served", async () => {
    const other = `sha256:${"ab".repeat(32)}`;
    const registry = await server((_request, response) =>
      response.writeHead(200, { "content-type": mediaType, "docker-content-digest": other }).end(MANIFEST),
    );
    expect((await failure(`${registry.host}/team/app:1.0`)).message).toContain(
      `manifest body hashes to ${MANIFEST_DIGEST}, not ${other}`,
    );
  });

  it("is the body's where a redirect ends (a CDN), which sends no digest header", async () => {
    const cdn = await server((_request, response) =>
      response.writeHead(200, { "content-type": mediaType }).end(MANIFEST),
    );
    const registry = await server((request, response) =>
      response.writeHead(307, { location: `${cdn.origin}${request.url}` }).end(),
    );
    expect((await resolveManifest(`${registry.host}/team/app:1.0`, anonymous)).digest).toBe(MANIFEST_DIGEST);
  });

  it("of a reference by digest is that digest, confirmed by a HEAD", async () => {
    const registry = await server((_request, response) =>
      response.writeHead(200, { "content-type": mediaType, "docker-content-digest": MANIFEST_DIGEST }).end(),
    );
    const resolved = await resolveManifest(`${registry.host}/team/app@${MANIFEST_DIGEST}`, anonymous);
    expect(resolved.digest).toBe(MANIFEST_DIGEST);
    expect(registry.requests.map((r) => r.method)).toEqual(["HEAD"]);
  });
});

describe("a token endpoint's answer", () => {
  it("past 1 MiB is cut off with a clear error, and no token is taken from it", async () => {
    const sent = { bytes: 0 };
    const tokens = stream(64 * 1024 * 1024, sent);
    const registry = await server((request, response, self) => {
      if (request.url?.startsWith("/token")) return tokens(request, response);
      const challenge = `Bearer realm="${self.origin}/token",service="s"`;
      response.writeHead(401, { "www-authenticate": challenge }).end();
    });
    const error = await failure(`${registry.host}/team/app:1.0`, {
      ...anonymous,
      credentials: undefined,
      username: "u",
      password: "p",
    });
    expect(error.message).toContain(
      `the answer of ${registry.origin} is more than ${MAX_TOKEN_RESPONSE_BYTES} bytes, more than the 1 MiB allowed`,
    );
    expect(registry.requests.filter((r) => r.path.startsWith("/v2/"))).toHaveLength(1);
  });
});

describe("a redirect from https", () => {
  it("to plain http is not followed, and the http host gets no request", async () => {
    const plain = await server((_request, response) => response.writeHead(200).end(MANIFEST));
    const registry = await server(
      (request, response) => response.writeHead(302, { location: `${plain.origin}${request.url}` }).end(),
      true,
    );
    const outcome = await resolveTrustingTestCertificate(`${registry.host}/team/app:1.0`, {
      ...anonymous,
      scheme: "https",
    });
    expect(outcome).toEqual({
      error: {
        name: RegistryUnreachableError.name,
        message: `${registry.origin} redirected to ${plain.origin}, plain http, which is not followed (image ${registry.host}/team/app:1.0, anonymous, no credentials)`,
      },
    });
    expect(plain.requests).toEqual([]);
  });
});

describe("a token of a kind that cannot pull from the registry", () => {
  it("is not sent, and the error says why and what to use", async () => {
    const error = await failure("ghcr.io/acme/app:1.0", {
      env: {},
      username: "robot",
      password: REGISTRY_TOKEN_EXAMPLES["github_pat_"]!.value,
    });
    expect(error.message).toBe(
      "401 Unauthorized: nothing was sent; the password from explicit arguments is refused: a GitHub fine-grained personal " +
        "access token (`github_pat_…`) cannot pull from ghcr.io: GitHub Packages accepts only personal access tokens " +
        "(classic); a fine-grained token gets 401/denied. Fix: use a GitHub personal access token (classic) (`ghp_…`, " +
        'pulls with the `read:packages` scope). (image ghcr.io/acme/app:1.0, as user "robot")',
    );
  });

  it("reaches no registry, not even anonymously (a Docker Hub token for another host)", async () => {
    const registry = await server((_request, response) => response.writeHead(200).end(MANIFEST));
    const password = REGISTRY_TOKEN_EXAMPLES["dckr_pat_"]!.value;
    const error = await failure(`${registry.host}/team/app:1.0`, { env: {}, username: "acme", password });
    expect(error.message).toContain(`is a Docker Hub credential, and ${registry.host} is not one of its registries.`);
    expect(error.message).not.toContain(password);
    expect(registry.requests).toEqual([]);
  });
});

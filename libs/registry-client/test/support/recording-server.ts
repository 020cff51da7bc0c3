/**
 * An in-process HTTP or HTTPS server on a free loopback port that records every request's method, path and
 * `Authorization` header, for the tests that prove which host receives which credentials.
 * The HTTPS certificate (support/tls, for 127.0.0.1 and localhost, valid for a century) is committed, so
 * these tests need no openssl; it was made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=127.0.0.1
 *  -addext subjectAltName=IP:127.0.0.1,DNS:localhost`. Its key protects nothing else.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface RecordingServer {
  /** "127.0.0.1:<port>", the host part of an image reference or URL. */
  readonly host: string;
  readonly port: number;
  /** "http://127.0.0.1:<port>" or "https://..." */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, self: RecordingServer) => void;

export async function startRecordingServer(handler: Handler, tls = false): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const holder: { self?: RecordingServer } = {};
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    requests.push({
      method: request.method ?? "",
      path: request.url ?? "",
      authorization: request.headers.authorization,
    });
    handler(request, response, holder.self!);
  };
  const tlsDir = join(__dirname, "tls");
  const server = tls
    ? createHttpsServer(
        { cert: readFileSync(join(tlsDir, "cert.pem")), key: readFileSync(join(tlsDir, "key.pem")) },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const self: RecordingServer = {
    host: `127.0.0.1:${port}`,
    port,
    origin: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  holder.self = self;
  return self;
}

export const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

/** Every recorded Authorization header, decoded when Basic, so a password can be searched for. */
export const authorizationsSeen = (server: RecordingServer): string[] =>
  server.requests
    .map((r) => r.authorization)
    .filter((a): a is string => a !== undefined)
    .map((a) => (a.startsWith("Basic ") ? Buffer.from(a.slice(6), "base64").toString("utf8") : a));

/** A manifest a test registry serves, and its digest: what a GET of a tag must come back with. */
export const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: "application/vnd.oci.image.index.v1+json",
  manifests: [],
});
export const MANIFEST_DIGEST = `sha256:${createHash("sha256").update(MANIFEST).digest("hex")}`;

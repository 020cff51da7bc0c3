// One HTTP exchange with redirects followed by hand. fetch's own following would keep a Basic or Bearer
// header on a same-site hop and leaves no say over where a hop goes; here the Authorization header goes to
// one origin only (the registry's, or the realm's), and a redirect may be refused before it is followed.
// A registry that redirects a manifest request elsewhere (a CDN, blob storage) is answered anonymously there.

export interface HopOptions {
  readonly method: "GET" | "HEAD";
  readonly headers: Readonly<Record<string, string>>;
  /** Sent only to `origin`. */
  readonly authorization: string | undefined;
  readonly origin: string;
  readonly timeoutMs: number;
  /** Why a redirect to `target` may not be followed; undefined to follow it. */
  readonly refuseRedirect?: (target: URL) => string | undefined;
}

export interface HopResult {
  readonly response: Response;
  /** The URL that gave the response, after any redirects. */
  readonly url: URL;
}

/** What ended an exchange before any response: no answer in time, a refused connection, a refused redirect. */
export class TransportError extends Error {}

const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 10;

export async function fetchHops(start: URL, options: HopOptions): Promise<HopResult> {
  let url = start;
  let method = options.method;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const sameOrigin = url.origin === options.origin;
    const headers = {
      ...options.headers,
      ...(sameOrigin && options.authorization ? { authorization: options.authorization } : {}),
    };
    const response = await send(url, { method, headers, redirect: "manual" }, options.timeoutMs);
    const location = response.headers.get("location");
    if (!redirects.has(response.status) || location === null) return { response, url };
    await response.body?.cancel();
    const target = new URL(location, url);
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      throw new TransportError(`${url.origin} redirected to a ${target.protocol} URL, which is not followed`);
    }
    // What came over TLS goes on over TLS: a hop to plain http would let anyone on the path answer instead.
    if (url.protocol === "https:" && target.protocol === "http:") {
      throw new TransportError(`${url.origin} redirected to ${target.origin}, plain http, which is not followed`);
    }
    const refusal = options.refuseRedirect?.(target);
    if (refusal !== undefined) throw new TransportError(`${url.origin} redirected elsewhere, not followed: ${refusal}`);
    if (response.status === 303) method = "GET";
    url = target;
  }
  throw new TransportError(`more than ${maxRedirects} redirects from ${start.origin}`);
}

async function send(url: URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // fetch rejects with "fetch failed" and the reason as its cause (a timeout rejects with itself). Read
    // by shape: errors from Node's own realm are not instances of a test sandbox's Error.
    type Failure = { name?: string; code?: string; message?: string; cause?: unknown };
    const outer = (error ?? {}) as Failure;
    const cause = (typeof outer.cause === "object" && outer.cause !== null ? outer.cause : outer) as Failure;
    const why =
      cause.name === "TimeoutError" || cause.name === "AbortError"
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause.code ?? cause.message ?? "no reason given");
    throw new TransportError(`${url.origin} did not answer (${why})`);
  }
}

/** A response body that grew past what its kind may be (a manifest, a token), read no further. */
export class BodyTooLargeError extends Error {}

/**
 * The body, read as a stream and stopped at `limit` bytes, as containerd and crane cap what they read: a
 * registry (or whatever a redirect reached) cannot make the client buffer a body of any size.
 */
export async function readLimited(response: Response, limit: number, what: string): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new BodyTooLargeError(`${what} is ${size}, more than the ${limit / 1024 / 1024} MiB allowed; not read further`);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw tooLarge(`${declared} bytes by its Content-Length`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream, so the rest is never fetched.
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(`more than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/*
 * Why hand-written: the maintained npm clients do not fit. `@snyk/docker-registry-v2-client` only GETs
 * (no HEAD, so every resolution downloads the manifest), follows a manifest list down to one platform's
 * child (we need the top-level digest that a runtime pins), and its errors do not say which user was sent;
 * `docker-registry-client` has had no release since 2017. The protocol part we need is small: one request,
 * the `WWW-Authenticate` challenge, a token request, one retry. Node's built-in fetch does the HTTP.
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
 * https://distribution.github.io/distribution/spec/auth/token/
 */
import { createHash } from "node:crypto";
import { pullRefusal } from "@platform/config/token-kinds";
import { parseImageReference, type ImageReference } from "@platform/image-ref";
import { parseChallenge, type AuthChallenge } from "./challenge";
import {
  credentialVariables,
  resolveCredentials,
  unusedEnvironmentCredentials,
  type CredentialLookup,
  type RegistryCredentials,
} from "./credentials";
import {
  ManifestNotFoundError,
  RegistryError,
  RegistryForbiddenError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
} from "./errors";
import { manifestAcceptHeader } from "./media-types";
import { realmProblem, type RegistryOrigin } from "./realm";
import { BodyTooLargeError, fetchHops, readLimited, TransportError } from "./transport";

export interface ManifestRequestOptions extends CredentialLookup {
  /** Credentials to send; `null` forces an anonymous request. @default resolveCredentials(host, options) */
  readonly credentials?: RegistryCredentials | null;
  /** @default "http" for loopback hosts (Docker's default insecure range), "https" otherwise */
  readonly scheme?: "http" | "https";
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** The most a manifest may be, as containerd's and distribution's limit: a larger one is refused unread. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** The most a token endpoint's answer may be. */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

export interface ResolvedManifest {
  readonly image: ImageReference;
  /**
   * The manifest's digest: the sha256 of the bytes received (for a tag), or the digest asked for, which the
   * registry confirmed; never a header's word alone.
   */
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number | undefined;
  /** The username the registry accepted; undefined when the pull was anonymous. */
  readonly username: string | undefined;
}

export interface FetchedManifest extends ResolvedManifest {
  readonly body: Buffer;
}

/**
 * The manifest's digest and media type. A tag is resolved by GET and the digest computed from the bytes
 * received (a `Docker-Content-Digest` that disagrees is an error), so what is pinned is what was served; a
 * reference by digest needs only a HEAD that the registry answers for exactly that digest.
 */
export async function resolveManifest(
  image: string | ImageReference,
  options: ManifestRequestOptions = {},
): Promise<ResolvedManifest> {
  const session = openSession(image, options);
  if (session.ref.digest !== undefined) return session.describe(await session.request("HEAD"), session.ref.digest);
  const { image: parsed, digest, mediaType, size, username } = await session.fetchBody();
  return { image: parsed, digest, mediaType, size, username };
}

/** GET the manifest with its body; the digest is checked against the body when the registry sends one. */
export async function getManifest(
  image: string | ImageReference,
  options: ManifestRequestOptions = {},
): Promise<FetchedManifest> {
  return openSession(image, options).fetchBody();
}

function openSession(image: string | ImageReference, options: ManifestRequestOptions) {
  const ref = typeof image === "string" ? parseImageReference(image) : image;
  const reference = ref.digest ?? ref.tag;
  if (reference === undefined) {
    const detail = 'no tag or digest given; add ":<tag>" or "@sha256:<hex>"';
    throw new RegistryError(ref.original, undefined, undefined, detail);
  }
  const credentials =
    options.credentials === null ? undefined : (options.credentials ?? resolveCredentials(ref.host, options));
  const username = credentials?.username;
  // A token of a kind that cannot pull from this registry is not sent: the refusal says why, and what to use.
  const refusal = credentials && pullRefusal(ref.host, credentials.password);
  if (refusal) {
    const detail = `nothing was sent; the password from ${credentials.source} is refused: ${refusal.reason} Fix: ${refusal.remedy}.`;
    throw new RegistryUnauthorizedError(ref.original, username, detail);
  }
  const scheme = options.scheme ?? (isLoopback(ref.host) ? "http" : "https");
  const url = new URL(`${scheme}://${apiHost(ref.host)}/v2/${ref.repository}/manifests/${reference}`);
  const registry = { protocol: url.protocol, host: url.host, hostname: url.hostname };
  const context: ChallengeContext = {
    ref,
    registry,
    credentials,
    timeoutMs: options.timeoutMs ?? 30_000,
    env: options.env ?? process.env,
  };
  let authorization: string | undefined;

  const send = async (method: "HEAD" | "GET") => {
    const headers = { accept: manifestAcceptHeader };
    const hop = { method, headers, authorization, origin: url.origin, timeoutMs: context.timeoutMs };
    return withTransportErrors(ref, username, () => fetchHops(url, hop));
  };

  const request = async (method: "HEAD" | "GET"): Promise<Response> => {
    const first = await send(method);
    let response = first.response;
    if (response.status === 401 && authorization === undefined) {
      const answeredBy = first.url;
      if (answeredBy.origin !== url.origin) {
        // The challenge is another host's: credentials (and a token got with them) are the registry's only.
        const detail = `${ref.host} redirected to ${answeredBy.origin}, which asks for credentials; the credentials of ${ref.host} are sent to ${ref.host} only, so nothing was sent`;
        throw new RegistryUnauthorizedError(ref.original, username, detail);
      }
      const challenge = parseChallenge(response.headers.get("www-authenticate"));
      authorization = await answerChallenge(context, challenge);
      ({ response } = await send(method));
    }
    // Some registries refuse HEAD on manifests; GET answers the same question.
    if (method === "HEAD" && (response.status === 405 || response.status === 501)) ({ response } = await send("GET"));
    throwForStatus(context, response);
    return response;
  };

  const describe = (response: Response, digest: string): ResolvedManifest => {
    const length = response.headers.get("content-length");
    return {
      image: ref,
      digest,
      mediaType: (response.headers.get("content-type") ?? "").split(";")[0]!.trim(),
      size: length === null ? undefined : Number(length),
      username,
    };
  };

  const fetchBody = async (): Promise<FetchedManifest> => {
    const response = await request("GET");
    const body = await readWithin(ref, username, response, MAX_MANIFEST_BYTES, `the manifest of ${ref.original}`);
    const computed = `sha256:${createHash("sha256").update(body).digest("hex")}`;
    const header = response.headers.get("docker-content-digest");
    const expected = ref.digest ?? (header?.startsWith("sha256:") ? header : undefined);
    if (expected !== undefined && expected !== computed) {
      throw new RegistryError(ref.original, 200, username, `manifest body hashes to ${computed}, not ${expected}`);
    }
    return { ...describe(response, computed), size: body.length, body };
  };

  return { ref, request, describe, fetchBody };
}

interface ChallengeContext {
  readonly ref: ImageReference;
  readonly registry: RegistryOrigin;
  readonly credentials: RegistryCredentials | undefined;
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
}

async function answerChallenge(context: ChallengeContext, challenge: AuthChallenge | undefined): Promise<string> {
  const { ref, registry, credentials } = context;
  const username = credentials?.username;
  const basic = credentials && basicAuthorization(credentials);
  if (challenge === undefined) {
    throw new RegistryUnauthorizedError(ref.original, username, "the registry sent no Basic or Bearer challenge");
  }
  if (challenge.scheme === "basic") {
    if (basic === undefined) throw new RegistryUnauthorizedError(ref.original, undefined, noCredentialsHint(context));
    return basic;
  }
  const realm = challenge.params.realm;
  if (!realm) throw new RegistryUnauthorizedError(ref.original, username, "the Bearer challenge names no realm");
  const refused = realmProblem(realm, registry);
  if (refused !== undefined) {
    const detail = `the Bearer challenge of ${ref.host} names a token endpoint that gets nothing: ${refused}`;
    throw new RegistryUnauthorizedError(ref.original, username, detail);
  }
  const tokenUrl = new URL(realm);
  if (challenge.params.service) tokenUrl.searchParams.set("service", challenge.params.service);
  tokenUrl.searchParams.set("scope", challenge.params.scope ?? `repository:${ref.repository}:pull`);
  const { response } = await withTransportErrors(ref, username, () =>
    fetchHops(tokenUrl, {
      method: "GET",
      headers: {},
      authorization: basic,
      origin: tokenUrl.origin,
      timeoutMs: context.timeoutMs,
      refuseRedirect: (target) => realmProblem(target.href, registry),
    }),
  );
  if (response.status === 401) {
    throw new RegistryUnauthorizedError(ref.original, username, `the token endpoint ${tokenUrl.origin} refused them`);
  }
  throwForStatus(context, response);
  const text = await readWithin(ref, username, response, MAX_TOKEN_RESPONSE_BYTES, `the answer of ${tokenUrl.origin}`);
  const body = parseJsonObject(text.toString("utf8")) as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === "string" ? body.token : body.access_token;
  if (typeof token !== "string" || token === "") {
    const detail = `the token endpoint ${tokenUrl.origin} sent no token`;
    throw new RegistryError(ref.original, response.status, username, detail);
  }
  return `Bearer ${token}`;
}

/** A body read to at most `limit` bytes; past it, a RegistryError that says which body and the limit. */
async function readWithin(
  ref: ImageReference,
  username: string | undefined,
  response: Response,
  limit: number,
  what: string,
): Promise<Buffer> {
  try {
    return await readLimited(response, limit, what);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new RegistryError(ref.original, response.status, username, error.message);
    throw new RegistryUnreachableError(ref.original, username, `${what} broke off (${(error as Error).message})`);
  }
}

function parseJsonObject(text: string): object {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}

/** A registry that does not answer, or answers with a redirect that is not followed, as a RegistryError. */
async function withTransportErrors<T>(ref: ImageReference, username: string | undefined, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    throw new RegistryUnreachableError(ref.original, username, error.message);
  }
}

function throwForStatus({ ref, credentials, ...context }: ChallengeContext, response: Response): void {
  if (response.ok) return;
  const username = credentials?.username;
  const where = `${ref.host}/${ref.repository}`;
  switch (response.status) {
    case 401: {
      const detail =
        username === undefined
          ? noCredentialsHint({ ref, credentials, ...context })
          : `the registry refused these credentials for ${where}`;
      throw new RegistryUnauthorizedError(ref.original, username, detail);
    }
    case 403:
      throw new RegistryForbiddenError(ref.original, username, `these credentials may not pull ${where}`);
    case 404:
      throw new ManifestNotFoundError(ref.original, username, `no manifest ${ref.digest ?? ref.tag} in ${where}`);
    default:
      throw new RegistryError(ref.original, response.status, username, `unexpected status ${response.status}`);
  }
}

function basicAuthorization({ username, password }: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

function noCredentialsHint({ ref, env }: ChallengeContext): string {
  const unused = unusedEnvironmentCredentials(ref.host, env);
  const fix = `set ${credentialVariables} (REGISTRY_HOST=${ref.host}) or run docker login ${ref.host}`;
  return `${ref.host} requires credentials and none are known for it${unused ? ` (${unused})` : ""}; ${fix}`;
}

/** Docker Hub's API lives on its own host; every other registry serves /v2/ on the host named in the image. */
function apiHost(host: string): string {
  return host === "docker.io" ? "registry-1.docker.io" : host;
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, "");
  return name === "localhost" || name === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/*
 * When the registry token in the secret expires, where the registry's API states it (token-kinds.ts: GitHub's
 * `GitHub-Authentication-Token-Expiration` answer header on any authenticated request, GitLab's
 * `GET /personal_access_tokens/self`); "unknown" elsewhere. A token that has expired fails; one that expires
 * within the warning threshold passes with a warning, which `--fail-on-warning` (the daily drift run) turns red.
 *
 * The token goes only to the API of the issuer that runs the image's registry (ghcr.io → GitHub's API,
 * registry.gitlab.com → GitLab.com's), never to a host a redirect names; another host is not asked.
 */
import { tokenKindOf, type ExpiryLookup } from "@platform/config/token-kinds";
import { readLimited, type RegistryCredentials } from "@platform/registry-client";
import { type CheckResult, fail, pass, warn } from "./result";

/** The issuers' API base URLs; only tests and the preflight's flags replace them. */
export interface ExpiryApis {
  readonly github: string;
  readonly gitlab: string;
}
export const DEFAULT_EXPIRY_APIS: ExpiryApis = {
  github: "https://api.github.com",
  gitlab: "https://gitlab.com/api/v4",
};

/** Which registry host's tokens each API may be sent. */
const API_FOR_HOST: Readonly<Record<string, ExpiryLookup>> = {
  "ghcr.io": "github-api",
  "registry.gitlab.com": "gitlab-api",
};

export interface ExpiryOptions {
  readonly apis?: ExpiryApis;
  /** Warn when the token expires within this many days. @default 30 */
  readonly warningDays?: number;
  /** @default new Date() */
  readonly now?: Date;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function checkTokenExpiry(
  host: string,
  env: string,
  credentials: RegistryCredentials,
  options: ExpiryOptions = {},
): Promise<CheckResult> {
  const check = `${host} token expiry`;
  const subject = `${host} token for ${env}`;
  const kind = tokenKindOf(credentials.password);
  const lookup = API_FOR_HOST[host.toLowerCase()];
  if (kind?.expiry === undefined || kind.expiry !== lookup) {
    return pass(
      check,
      `${subject}: expiry unknown (${host} states none for ${kind ? `a ${kind.name}` : "this token"})`,
    );
  }
  const apis = options.apis ?? DEFAULT_EXPIRY_APIS;
  let expires: Date | null;
  try {
    expires = await (lookup === "github-api"
      ? githubExpiry(apis.github, credentials.password, options.timeoutMs ?? 10_000)
      : gitlabExpiry(apis.gitlab, credentials.password, options.timeoutMs ?? 10_000));
  } catch (error) {
    if (error instanceof TokenRefused) {
      return fail(check, `${subject} is refused by ${error.api}: it has expired or was revoked`, rotateFix(env, host));
    }
    return pass(check, `${subject}: expiry unknown (${(error as Error).message})`);
  }
  if (expires === null) return pass(check, `${subject} does not expire`);
  const now = options.now ?? new Date();
  const date = expires.toISOString().slice(0, 10);
  if (expires.getTime() <= now.getTime()) {
    return fail(check, `${subject} expired on ${date}; every task start fails with 401`, rotateFix(env, host));
  }
  const days = Math.floor((expires.getTime() - now.getTime()) / DAY_MS);
  const text = `${subject} expires in ${days} ${days === 1 ? "day" : "days"} (${date})`;
  return days < (options.warningDays ?? 30) ? warn(check, text, rotateFix(env, host)) : pass(check, text);
}

const rotateFix = (env: string, host: string) =>
  `create a new token, then: npm run rotate-registry-token -- --env ${env} --registry ${host}`;

/** The API answered 401: the token is no longer valid. */
class TokenRefused extends Error {
  constructor(readonly api: string) {
    super(`${api} refused the token`);
  }
}

async function ask(base: string, path: string, headers: Record<string, string>, timeoutMs: number) {
  const url = new URL(base.replace(/\/+$/, "") + path);
  if (url.protocol !== "https:" && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error(`${url.origin} is not https, so the token is not sent there`);
  }
  let response: Response;
  try {
    // redirect: "error": the token is sent to this origin and nowhere a redirect would take it.
    response = await fetch(url, { headers, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new Error(`${url.origin} did not answer`);
  }
  if (response.status === 401) throw new TokenRefused(url.origin);
  if (!response.ok) throw new Error(`${url.origin} answered ${response.status}`);
  return response;
}

/** GitHub sends `GitHub-Authentication-Token-Expiration: 2026-12-16 10:00:00 UTC` for a token that expires. */
async function githubExpiry(base: string, token: string, timeoutMs: number): Promise<Date | null> {
  const headers = {
    authorization: `Bearer ${token}`,
    accept: "application/vnd.github+json",
    "user-agent": "preflight",
  };
  const response = await ask(base, "/user", headers, timeoutMs);
  await response.body?.cancel();
  const header = response.headers.get("github-authentication-token-expiration");
  if (header === null) return null;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|[+-]\d{4})$/.exec(header.trim());
  if (!match) throw new Error(`GitHub's expiry header is not a date`);
  const zone = match[3] === "UTC" ? "Z" : `${match[3]!.slice(0, 3)}:${match[3]!.slice(3)}`;
  return new Date(`${match[1]}T${match[2]}${zone}`);
}

/** GitLab: `expires_at` is a date (the token stops working at 00:00 UTC that day), or null for no expiry. */
async function gitlabExpiry(base: string, token: string, timeoutMs: number): Promise<Date | null> {
  const response = await ask(base, "/personal_access_tokens/self", { "private-token": token }, timeoutMs);
  let body: { expires_at?: unknown };
  try {
    body = JSON.parse((await readLimited(response, 64 * 1024, "GitLab's answer")).toString("utf8")) as {
      expires_at?: unknown;
    };
  } catch {
    throw new Error(`GitLab's answer is not JSON`);
  }
  if (body.expires_at === null) return null;
  if (typeof body.expires_at !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(body.expires_at)) {
    throw new Error(`GitLab's answer has no expires_at date`);
  }
  return new Date(`${body.expires_at}T00:00:00Z`);
}

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** A username/password pair for one registry, and where it came from (for messages; never the password). */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
  /** e.g. "REGISTRY_HOST/REGISTRY_USERNAME/REGISTRY_PASSWORD" or "/home/me/.docker/config.json". */
  readonly source: string;
}

export interface CredentialLookup {
  /** The credentials of the image's own registry; used as given when both are set. */
  readonly username?: string;
  readonly password?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default $DOCKER_CONFIG/config.json, else ~/.docker/config.json */
  readonly dockerConfigPath?: string;
}

/** The environment variables that hand one registry's credentials over, the host among them. */
export const credentialVariables = "REGISTRY_HOST, REGISTRY_USERNAME and REGISTRY_PASSWORD";

/** A Docker config.json that cannot be read as JSON. Its text is never quoted: it holds every `auth` value. */
export class DockerConfigError extends Error {
  constructor(readonly path: string) {
    super(
      `${path} is not valid JSON, so no registry credentials can be read from it (its content is not shown: ` +
        `it holds credentials). Fix: correct or remove ${path}, or run docker login again`,
    );
    this.name = "DockerConfigError";
  }
}

/** Docker Hub is stored under its legacy index URL in config.json; everything else under its host. */
const dockerHubKeys = ["docker.io", "index.docker.io", "registry-1.docker.io"];
const sameRegistry = (a: string, b: string) =>
  a === b || (dockerHubKeys.includes(a.toLowerCase()) && dockerHubKeys.includes(b.toLowerCase()));

/**
 * Credentials for `host`, looked up by host as Docker, containerd and crane do: explicit arguments (the
 * caller's own pair for this image), then REGISTRY_USERNAME/REGISTRY_PASSWORD when REGISTRY_HOST names this
 * host, then the Docker config's `auths` entry for it. Undefined means anonymous: a pair from the
 * environment without its host goes to no registry, so a typo in an image's host cannot receive it.
 * Credential helpers (`credsStore`) are not run: CI hands credentials over as variables or `auths`.
 */
export function resolveCredentials(host: string, lookup: CredentialLookup = {}): RegistryCredentials | undefined {
  if (lookup.username !== undefined && lookup.password !== undefined) {
    return { username: lookup.username, password: lookup.password, source: "explicit arguments" };
  }
  const env = lookup.env ?? process.env;
  const { REGISTRY_HOST: envHost, REGISTRY_USERNAME: username, REGISTRY_PASSWORD: password } = env;
  if (envHost && username && password && sameRegistry(authKeyHost(envHost), host.toLowerCase())) {
    return { username, password, source: "REGISTRY_HOST/REGISTRY_USERNAME/REGISTRY_PASSWORD" };
  }
  const configPath = lookup.dockerConfigPath ?? defaultDockerConfigPath(env);
  return credentialsFromDockerConfig(configPath, host);
}

/** Why the environment's credentials were not used for `host`, for a 401's hint; undefined when none are set. */
export function unusedEnvironmentCredentials(host: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.REGISTRY_USERNAME || !env.REGISTRY_PASSWORD) return undefined;
  if (!env.REGISTRY_HOST)
    return "REGISTRY_USERNAME/REGISTRY_PASSWORD are set without REGISTRY_HOST, so no registry gets them";
  if (!sameRegistry(authKeyHost(env.REGISTRY_HOST), host.toLowerCase())) {
    return `REGISTRY_USERNAME/REGISTRY_PASSWORD belong to REGISTRY_HOST ${JSON.stringify(env.REGISTRY_HOST)}, not ${host}`;
  }
  return undefined;
}

function defaultDockerConfigPath(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, "config.json") : join(homedir(), ".docker", "config.json");
}

interface DockerAuthEntry {
  readonly auth?: unknown;
  readonly username?: unknown;
  readonly password?: unknown;
}

/** Reads `auths[host].auth` (base64 "user:password") or its `username`/`password` fields. */
export function credentialsFromDockerConfig(configPath: string, host: string): RegistryCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    return undefined; // no Docker config is the ordinary anonymous case
  }
  let config: { auths?: Record<string, DockerAuthEntry> };
  try {
    config = JSON.parse(text) as typeof config;
  } catch {
    // JSON.parse's message quotes the text around the fault: an `auth` value.
    throw new DockerConfigError(configPath);
  }
  const auths = typeof config?.auths === "object" && config.auths !== null ? config.auths : {};
  for (const [key, entry] of Object.entries(auths)) {
    if (!sameRegistry(authKeyHost(key), host.toLowerCase()) || entry === null) continue;
    if (typeof entry.auth === "string") {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) {
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: configPath };
      }
    }
    if (typeof entry.username === "string" && typeof entry.password === "string") {
      return { username: entry.username, password: entry.password, source: configPath };
    }
  }
  return undefined;
}

/** "https://index.docker.io/v1/" → "index.docker.io"; "ghcr.io" stays. */
function authKeyHost(key: string): string {
  // Stryker disable next-line Regex: unanchored, it differs only for a key with a scheme after its host, which is no registry
  const withoutScheme = key.trim().replace(/^[a-z]+:\/\//i, "");
  return withoutScheme.split("/")[0]!.toLowerCase();
}

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** A username/password pair for one registry, and where it came from (for messages; never the password). */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
  /** e.g. "REGISTRY_USERNAME/REGISTRY_PASSWORD" or "/home/me/.docker/config.json". */
  readonly source: string;
}

export interface CredentialLookup {
  /** Used as given when both are set; wins over the environment and the Docker config. */
  readonly username?: string;
  readonly password?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default $DOCKER_CONFIG/config.json, else ~/.docker/config.json */
  readonly dockerConfigPath?: string;
}

/** Docker Hub is stored under its legacy index URL in config.json; everything else under its host. */
const dockerHubKeys = ["docker.io", "index.docker.io", "registry-1.docker.io"];

/**
 * Credentials for `host`, in the order a person expects: explicit arguments, then
 * REGISTRY_USERNAME/REGISTRY_PASSWORD, then the Docker config's `auths` entry. Undefined means anonymous.
 * Credential helpers (`credsStore`) are not run: CI hands credentials over as variables or `auths`.
 */
export function resolveCredentials(host: string, lookup: CredentialLookup = {}): RegistryCredentials | undefined {
  if (lookup.username !== undefined && lookup.password !== undefined) {
    return { username: lookup.username, password: lookup.password, source: "explicit arguments" };
  }
  const env = lookup.env ?? process.env;
  const username = env.REGISTRY_USERNAME;
  const password = env.REGISTRY_PASSWORD;
  if (username && password) return { username, password, source: "REGISTRY_USERNAME/REGISTRY_PASSWORD" };
  const configPath = lookup.dockerConfigPath ?? defaultDockerConfigPath(env);
  return credentialsFromDockerConfig(configPath, host);
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
  const config = JSON.parse(text) as { auths?: Record<string, DockerAuthEntry> };
  const wanted = dockerHubKeys.includes(host) ? dockerHubKeys : [host];
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!wanted.includes(authKeyHost(key))) continue;
    if (typeof entry.auth === "string" && entry.auth !== "") {
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
  return key
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
}

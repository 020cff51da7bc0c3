import * as pulumi from "@pulumi/pulumi";
import {
  classifyRegistry,
  defaultEcrRepositoryPrefix,
  ECR_REPOSITORY_PREFIX,
  PULL_THROUGH_HOSTS,
  pullThroughUpstream,
} from "@platform/image-ref";
import { z } from "zod";
import {
  ConfigError,
  type ConfigSource,
  type Environment,
  intIn,
  jsonKey,
  pullRefusal,
  readConfig,
  stackEnvironment,
  structuredKey,
} from "@platform/config";

/** Where a registry token comes from. */
export type TokenSource =
  /** A Pulumi secret config value; Pulumi writes the secret's value. */
  | { readonly kind: "config"; readonly key: string; readonly username: string; readonly token: pulumi.Output<string> }
  /** The secret is created empty and its value is put outside Pulumi, so the token never reaches state. */
  | { readonly kind: "external" };

/** ECR's pull-through cache for one upstream registry: its rule's upstream and the ECR repository prefix. */
export interface PullThroughCacheConfig {
  readonly upstreamRegistryUrl: string;
  readonly ecrRepositoryPrefix: string;
}

export interface RegistryCredentialsConfig {
  readonly host: string;
  readonly source: TokenSource;
  /** Set when services pull this registry's images through the account's ECR instead of with `repositoryCredentials`. */
  readonly pullThroughCache?: PullThroughCacheConfig;
}

export interface RegistryAccessConfig {
  readonly env: Environment;
  readonly registries: readonly RegistryCredentialsConfig[];
  readonly customerManagedKey: boolean;
  readonly recoveryWindowInDays: number;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$/;

const registry = z
  .object({
    host: z.string().regex(HOST, "a registry host name such as ghcr.io"),
    username: z.string().min(1).optional(),
    tokenSource: z.enum(["config", "external"]).default("config"),
    tokenKey: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/)
      .optional(),
    pullThroughCache: z.boolean().optional(),
    ecrRepositoryPrefix: z.string().optional(),
  })
  .strict();

const specs = {
  registries: structuredKey(
    z.array(registry).min(1).optional(),
    "a non-empty list of { host, username?, tokenSource?: config|external, tokenKey?, pullThroughCache?: true|false, ecrRepositoryPrefix? }",
    // Valid as printed: the token is then put into the secret outside Pulumi (see the README).
    "[{ host: ghcr.io, tokenSource: external }]",
  ),
  customerManagedKey: jsonKey(z.boolean().optional(), "true or false", "true"),
  recoveryWindowInDays: jsonKey(
    z.union([z.literal(0), intIn(7, 30)]).optional(),
    "0 (delete at once) or an integer from 7 to 30",
    "30",
  ),
};

/** `ghcr.io` -> `token-ghcr-io`: the default secret config key of a registry's token. */
export function defaultTokenKey(host: string): string {
  return `token-${host.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
}

/** Registry-access config; tokens are read only from Pulumi secrets and returned as secret Outputs. */
export function registryAccessConfig(source: ConfigSource): RegistryAccessConfig {
  const { env, defaults } = stackEnvironment(source);
  const v = readConfig(
    source,
    "registry-access",
    specs,
    undefined,
    (key) => key.startsWith("token-") || namedTokenKeys(source).includes(key),
  );
  const entries = v.registries ?? [{ host: "ghcr.io", tokenSource: "config" as const }];
  const issues: Issue[] = [];
  const seen = new Set<string>();

  const registries = entries.flatMap((entry, i): RegistryCredentialsConfig[] => {
    const at = `registry-access:registries[${i}]`;
    const kind = classifyRegistry(entry.host).kind;
    if (kind !== "other") {
      issues.push({
        key: `${at}.host`,
        value: entry.host,
        problem: `${kind === "private-ecr" ? "private ECR" : "public ECR"} needs no repositoryCredentials: the execution role's AmazonECSTaskExecutionRolePolicy already pulls from it.`,
        fix: { kind: "steps", text: `remove this entry from \`registry-access:registries\` in ${source.stackFile}` },
      });
      return [];
    }
    if (seen.has(entry.host)) {
      issues.push({
        key: `${at}.host`,
        value: entry.host,
        problem: "this registry is listed twice.",
        fix: { kind: "steps", text: `remove one entry from ${source.stackFile}` },
      });
      return [];
    }
    seen.add(entry.host);
    const cache = pullThroughCacheOf(entry, at, env, source.stackFile, issues);
    const mode = cache === undefined ? {} : { pullThroughCache: cache };
    if (entry.tokenSource === "external") return [{ host: entry.host, source: { kind: "external" }, ...mode }];

    const key = entry.tokenKey ?? defaultTokenKey(entry.host);
    const fullKey = `registry-access:${key}`;
    const setToken = `pulumi config set --secret ${fullKey} <token> --stack ${source.stack}`;
    if (!entry.username) {
      issues.push({
        key: `${at}.username`,
        value: undefined,
        problem: "the registry user name is needed to build the {username, password} secret.",
        fix: { kind: "steps", text: `set \`username\` in this entry of ${source.stackFile}` },
      });
    }
    const raw = source.get(fullKey);
    if (raw === undefined || raw === "") {
      issues.push({
        key: fullKey,
        value: undefined,
        problem: `the token for ${entry.host} is missing (for ghcr.io, a personal access token with read:packages).`,
        fix: {
          kind: "steps",
          text: `${setToken}, or set \`tokenSource: external\` in this registry entry and put the value into the secret outside Pulumi`,
        },
      });
      return [];
    }
    if (!source.isSecret(fullKey)) {
      issues.push({
        key: fullKey,
        value: "<plaintext, not shown>",
        problem:
          "the token is stored in plaintext; it must be a Pulumi secret so it is encrypted in the stack file and in state.",
        fix: {
          kind: "steps",
          text: `remove it from ${source.stackFile}, revoke it at ${entry.host}, then ${setToken}`,
        },
      });
      return [];
    }
    // The decrypted value is known here in a real preview (the offline plan passes a placeholder, of no kind).
    const refusal = pullRefusal(entry.host, raw);
    if (refusal !== undefined) {
      issues.push({
        key: fullKey,
        value: `<${refusal.kind.prefix}… token, not shown>`,
        problem: refusal.reason,
        fix: { kind: "steps", text: `${refusal.remedy}, then ${setToken}` },
      });
      return [];
    }
    return [
      {
        host: entry.host,
        source: { kind: "config", key: fullKey, username: entry.username ?? "", token: pulumi.secret(raw) },
        ...mode,
      },
    ];
  });

  if (issues.length) throw new ConfigError(source.stackFile, issues);
  return {
    env,
    registries,
    customerManagedKey: v.customerManagedKey ?? defaults.customerManagedKey,
    recoveryWindowInDays: v.recoveryWindowInDays ?? defaults.recoveryWindowInDays,
  };
}

type Issue = ConstructorParameters<typeof ConfigError>[1][number];

/**
 * The pull-through cache an entry asks for, or undefined; a host ECR cannot serve through the cache, a prefix ECR
 * refuses, or a prefix without the cache is an issue.
 */
function pullThroughCacheOf(
  entry: z.infer<typeof registry>,
  at: string,
  env: Environment,
  stackFile: string,
  issues: Issue[],
): PullThroughCacheConfig | undefined {
  if (!entry.pullThroughCache) {
    if (entry.ecrRepositoryPrefix !== undefined) {
      issues.push({
        key: `${at}.ecrRepositoryPrefix`,
        value: entry.ecrRepositoryPrefix,
        problem: "a repository prefix is only used by ECR's pull-through cache, which this entry does not turn on.",
        fix: {
          kind: "steps",
          text: `set \`pullThroughCache: true\` in this entry of ${stackFile}, or remove \`ecrRepositoryPrefix\``,
        },
      });
    }
    return undefined;
  }
  const upstream = pullThroughUpstream(entry.host);
  if (upstream === undefined) {
    issues.push({
      key: `${at}.pullThroughCache`,
      value: "true",
      problem:
        `ECR's pull-through cache cannot pull from ${entry.host} with credentials; it can for ${PULL_THROUGH_HOSTS.join(", ")}. ` +
        "Self-hosted GitLab, private Quay, Artifactory and Google's registries keep `repositoryCredentials`.",
      fix: { kind: "steps", text: `remove \`pullThroughCache\` from this entry of ${stackFile}` },
    });
    return undefined;
  }
  const prefix = entry.ecrRepositoryPrefix ?? defaultEcrRepositoryPrefix(upstream, env);
  if (!ECR_REPOSITORY_PREFIX.test(prefix)) {
    issues.push({
      key: `${at}.ecrRepositoryPrefix`,
      value: prefix,
      problem:
        "ECR refuses this repository prefix: it must be 2 to 30 characters of lower-case letters and digits, " +
        "separated by single `.`, `_`, `-` or `/`.",
      fix: {
        kind: "steps",
        text: `set \`ecrRepositoryPrefix: ${shortPrefix(upstream.prefix, env)}\` in this entry of ${stackFile}`,
      },
    });
    return undefined;
  }
  return { upstreamRegistryUrl: upstream.upstreamRegistryUrl, ecrRepositoryPrefix: prefix };
}

/** A prefix ECR accepts: the upstream's, cut to leave room for `-<env>` within 30 characters. */
function shortPrefix(prefix: string, env: string): string {
  return `${prefix.slice(0, Math.max(2, 29 - env.length)).replace(/[^a-z0-9]+$/, "")}-${env}`;
}

/** The `tokenKey`s the registries name, read from the raw value, so those keys count as known. */
function namedTokenKeys(source: ConfigSource): string[] {
  try {
    const registries = JSON.parse(source.get("registry-access:registries") ?? "[]") as unknown;
    return Array.isArray(registries)
      ? registries.map((r) => (r as { tokenKey?: unknown }).tokenKey).filter((k): k is string => typeof k === "string")
      : [];
  } catch {
    return [];
  }
}

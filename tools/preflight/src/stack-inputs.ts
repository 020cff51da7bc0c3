// What the preflight reads from the stack files: the same files `pulumi up` will use, read without the
// Pulumi CLI (the SDK-free reader of @platform/config).
import * as path from "node:path";
import { showValue } from "@platform/config";
import { environmentDefaults, isEnvironment } from "@platform/config/environments";
import { shownSafely } from "@platform/config/secret-values";
import { readStackConfig } from "@platform/config-files/stack-files";
import {
  defaultEcrRepositoryPrefix,
  type ImageReference,
  pullThroughUpstream,
  tryParseImageReference,
} from "@platform/image-ref";
import { chooseServiceProject, ServiceProjectError } from "@platform/config-files/service-projects";
import { SERVICE_UPSTREAMS } from "@platform/contracts/stacks";

/** A value and where it was set, so every message can name the file and the key. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly key: string;
}

export interface StackInputs {
  readonly env: string;
  /** The service project whose stack is checked, with the stacks it reads. */
  readonly service: string;
  readonly region: Located<string>;
  /** `aws:allowedAccountIds` of each project's stack file. */
  readonly allowedAccountIds: readonly Located<readonly string[]>[];
  readonly image: Located<ImageReference>;
  readonly publicImagePrefixes: readonly string[];
  /**
   * The ECR repository prefix of the pull-through cache rule the image is pulled through, when registry-access's
   * entry for its host sets `pullThroughCache` (the program then rewrites the image to the account's ECR).
   */
  readonly pullThroughCache?: Located<string>;
  /** Set when the environment serves HTTPS (prod), or when a certificate is configured anyway. */
  readonly certificateArn?: Located<string>;
  readonly requireCertificate: boolean;
}

/** Bad input: the stack files cannot be read as the preflight needs them. Exit code 2. */
export class InputError extends Error {}

/**
 * The stack files of one service and the stacks it reads, for `env`.
 * @param serviceName the service project (`--service`); may be left out when the workspace has only one.
 */
export function readStackInputs(root: string, env: string, serviceName?: string): StackInputs {
  if (!isEnvironment(env))
    throw new InputError(`--env ${showValue(env)} is not an environment: use dev, staging or prod.`);
  let service: string;
  try {
    service = chooseServiceProject(root, serviceName).name;
  } catch (error) {
    if (error instanceof ServiceProjectError) throw new InputError(error.message);
    throw error;
  }
  const PROJECTS = [...SERVICE_UPSTREAMS, service];
  const stacks = Object.fromEntries(PROJECTS.map((p) => [p, readStackConfig(path.join(root, "projects", p), env)]));
  const fileOf = (project: string) => path.join("projects", project, `Pulumi.${env}.yaml`);
  for (const project of PROJECTS) {
    if (!stacks[project]!.exists) throw new InputError(`${fileOf(project)} does not exist.`);
  }
  const at = <T>(project: string, key: string, value: T): Located<T> => ({ value, file: fileOf(project), key });
  const required = (project: string, key: string): string => {
    const raw = stacks[project]!.values[key];
    if (raw === undefined || raw === "") throw new InputError(`\`${key}\` is not set in ${fileOf(project)}.`);
    return raw;
  };

  const allowedAccountIds = PROJECTS.map((project) => {
    const raw = required(project, "aws:allowedAccountIds");
    const problem = `\`aws:allowedAccountIds\` in ${fileOf(project)} must be a list of 12-digit account IDs, got ${String(shownSafely(raw))}.`;
    let list: unknown;
    try {
      list = JSON.parse(raw.startsWith("[") ? raw : JSON.stringify([raw]));
    } catch {
      throw new InputError(problem); // the parser's message would quote the value
    }
    if (!Array.isArray(list) || !list.every((id) => typeof id === "string" && /^\d{12}$/.test(id))) {
      throw new InputError(problem);
    }
    return at(project, "aws:allowedAccountIds", list as string[]);
  });

  // A service's keys are in its project's namespace (`<service>:image`).
  const imageKey = `${service}:image`;
  const imageRaw = required(service, imageKey);
  const parsed = tryParseImageReference(imageRaw);
  if (!parsed.ok)
    throw new InputError(`\`${imageKey}\` in ${fileOf(service)} is not an image reference: ${parsed.error}`);
  const prefixesKey = `${service}:publicImagePrefixes`;
  const prefixes = stacks[service]!.values[prefixesKey];
  const prefixList: unknown = prefixes ? parseJson(prefixes) : [];
  if (!Array.isArray(prefixList) || !prefixList.every((p) => typeof p === "string")) {
    throw new InputError(
      `\`${prefixesKey}\` in ${fileOf(service)} must be a list of image prefixes, got ${String(shownSafely(prefixes))}.`,
    );
  }
  const certificate = stacks.networking!.values["networking:certificateArn"];
  const cache = pullThroughCacheOf(stacks["registry-access"]!.values["registry-access:registries"], parsed.value, env);
  return {
    env,
    service,
    region: at(service, "aws:region", required(service, "aws:region")),
    allowedAccountIds,
    image: at(service, imageKey, parsed.value),
    // The environment profile's list is the one the program and the pack use for a public image.
    publicImagePrefixes: [...environmentDefaults(env).publicImagePrefixes, ...prefixList],
    ...(certificate ? { certificateArn: at("networking", "networking:certificateArn", certificate) } : {}),
    ...(cache ? { pullThroughCache: at("registry-access", cache.key, cache.prefix) } : {}),
    requireCertificate: environmentDefaults(env).requireHttps,
  };
}

/**
 * The cache prefix registry-access pulls `image`'s host through, as its program derives it (an invalid list is the
 * program's error to report, so it counts as no cache here).
 */
function pullThroughCacheOf(registries: string | undefined, image: ImageReference, env: string) {
  const list: unknown = registries ? parseJson(registries) : [];
  if (!Array.isArray(list)) return undefined;
  const index = list.findIndex((entry: { host?: unknown }) => entry?.host === image.host);
  const entry = list[index] as { pullThroughCache?: unknown; ecrRepositoryPrefix?: unknown } | undefined;
  const upstream = pullThroughUpstream(image.host);
  if (entry?.pullThroughCache !== true || upstream === undefined) return undefined;
  const prefix =
    typeof entry.ecrRepositoryPrefix === "string"
      ? entry.ecrRepositoryPrefix
      : defaultEcrRepositoryPrefix(upstream, env);
  return { key: `registry-access:registries[${index}].pullThroughCache`, prefix };
}

/** JSON text as the CLI encodes lists, or undefined when it is not JSON (the parser's message quotes it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

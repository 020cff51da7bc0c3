// Everything the generator refuses, checked before it writes a file: each error names the option, the value, what
// is allowed and how to fix it.
import type { Tree } from "@nx/devkit";
import { ENVIRONMENTS, environmentDefaults } from "@platform/config/environments";
import {
  type ImageReference,
  isDigestPinned,
  needsRepositoryCredentials,
  tryParseImageReference,
} from "@platform/image-ref";
import { nextFreePriority } from "./priority";
import { credentialHosts, existingRules, pulumiProjects, servicePort } from "./workspace-facts";

/** The options of `nx g @platform/nx-pulumi:service` (schema.json). */
export interface ServiceGeneratorOptions {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  readonly path?: string;
  readonly host?: string;
  readonly healthCheckPath?: string;
}

/** What the generator writes, once every option is checked. */
export interface ServiceSpec {
  readonly name: string;
  readonly image: ImageReference;
  readonly priority: number;
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
  readonly healthCheckPath?: string;
  /** Whether the image is pulled without registry credentials (ECR, or a public prefix of every profile). */
  readonly publicImage: boolean;
}

export class GeneratorInputError extends Error {
  override name = "GeneratorInputError";
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * The target group's generated name is `<name>-<env>-` plus seven random characters, and ALB names have at most 32:
 * with `staging`, 16 characters are left for the service's name.
 */
const MAX_NAME = 16;
const PATH_PATTERN = /^\/[\x21-\x7e]{0,127}$/;
const HOST = /^(?=.{1,128}$)[a-z0-9*?]([a-z0-9*?-]*[a-z0-9*?])?(\.[a-z0-9*?]([a-z0-9*?-]*[a-z0-9*?])?)*$/;
/** Folders whose children are nx projects: a service may not take one of their names. */
const PROJECT_FOLDERS = ["projects", "libs", "tools", "policies"];

export function checkOptions(tree: Tree, options: ServiceGeneratorOptions): ServiceSpec {
  const name = checkName(tree, options.name);
  const image = checkImage(tree, options.image);
  if (options.port !== undefined) checkPort(tree, options.port);
  const paths = options.path !== undefined ? [checkPath("--path", options.path)] : options.host ? [] : [`/${name}/*`];
  const hosts = options.host !== undefined ? [checkHost(options.host)] : [];
  const healthCheckPath =
    options.healthCheckPath !== undefined ? checkPath("--health-check-path", options.healthCheckPath) : undefined;
  const rules = ENVIRONMENTS.flatMap((env) => existingRules(tree, env));
  const same = rules.find((r) => sameMatch(r, paths, hosts));
  if (same) {
    throw new GeneratorInputError(
      `${describe(paths, hosts)} is what ${same.project} already matches (projects/${same.project}/Pulumi.${same.env}.yaml), ` +
        "so only one of the two would ever receive the requests. Give the service paths or hosts of its own: " +
        "--path /<prefix>/* or --host <name>.<domain>.",
    );
  }
  const priority = nextFreePriority(rules);
  if (priority === undefined) {
    throw new GeneratorInputError(
      "Every listener priority below the catch-all services' is taken; lower the priorities in use or raise a " +
        "catch-all's `<service>:listenerPriority`.",
    );
  }
  const publicImage = ENVIRONMENTS.every(
    (env) => !needsRepositoryCredentials(image, environmentDefaults(env).publicImagePrefixes),
  );
  return { name, image, priority, paths, hosts, publicImage, ...(healthCheckPath ? { healthCheckPath } : {}) };
}

function checkName(tree: Tree, name: string): string {
  if (!KEBAB.test(name) || name.length > MAX_NAME) {
    throw new GeneratorInputError(
      `The service name ${JSON.stringify(name)} is not allowed: use kebab-case (lowercase letters and digits, words ` +
        `joined by single hyphens, starting with a letter), at most ${MAX_NAME} characters, because AWS names ` +
        `carry it (a target group's name is \`<name>-<env>-\` plus 7 characters, at most 32). For example: orders-api.`,
    );
  }
  const taken = PROJECT_FOLDERS.find((folder) => tree.exists(`${folder}/${name}`));
  if (taken) {
    throw new GeneratorInputError(
      `${taken}/${name} already exists, so "${name}" is an existing project's name (nx projects and Pulumi ` +
        `projects must be unique). Choose another name.`,
    );
  }
  const pulumiName = pulumiProjects(tree).find((dir) =>
    new RegExp(`^name:\\s*["']?${name}["']?\\s*$`, "m").test(tree.read(`projects/${dir}/Pulumi.yaml`, "utf-8") ?? ""),
  );
  if (pulumiName) {
    throw new GeneratorInputError(
      `projects/${pulumiName}/Pulumi.yaml already declares \`name: ${name}\`; its stacks would collide. Choose another name.`,
    );
  }
  return name;
}

function checkImage(tree: Tree, value: string): ImageReference {
  const parsed = tryParseImageReference(value);
  if (!parsed.ok)
    throw new GeneratorInputError(`--image ${JSON.stringify(value)} is not an image reference: ${parsed.error}.`);
  const image = parsed.value;
  if (!isDigestPinned(image)) {
    throw new GeneratorInputError(
      `--image ${value} is not pinned by digest, and staging and prod run only digests (each stack file gets the ` +
        `image). Give it as ${image.host}/${image.repository}@sha256:<digest>; \`docker buildx imagetools inspect ` +
        `${value}\` prints the digest. Later images reach each environment by promotion (npm run promote).`,
    );
  }
  for (const env of ENVIRONMENTS) {
    const prefixes = environmentDefaults(env).publicImagePrefixes;
    if (!needsRepositoryCredentials(image, prefixes)) continue;
    const hosts = credentialHosts(tree, env);
    if (hosts.includes(image.host)) continue;
    throw new GeneratorInputError(
      `--image ${value} is on ${image.host}, which ${env} treats as a private registry, but ` +
        `projects/registry-access/Pulumi.${env}.yaml holds credentials only for ${hosts.join(", ") || "no registry"}; ` +
        `ECS would fail every pull. Fix: add {host: ${image.host}, ...} to \`registry-access:registries\` in every ` +
        `environment; or, for a public image, add its prefix (such as ${image.host}/${image.repository}) to ` +
        `\`publicImagePrefixes\` of each profile in libs/config/src/environments.ts and run ` +
        "npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write.",
    );
  }
  return image;
}

function checkPort(tree: Tree, port: number): void {
  const ports = new Set(ENVIRONMENTS.map((env) => servicePort(tree, env)));
  if (ports.size === 1 && ports.has(port)) return;
  throw new GeneratorInputError(
    `--port ${port}: every service's container listens on networking's service port, the one port the service ` +
      `security group admits from the load balancer, and that is ${[...ports].join(" or ")} ` +
      "(`networking:servicePort` in projects/networking/Pulumi.<env>.yaml). Make the image listen on it, or drop --port.",
  );
}

function checkPath(option: string, value: string): string {
  if (PATH_PATTERN.test(value)) return value;
  throw new GeneratorInputError(
    `${option} ${JSON.stringify(value)} is not a path pattern: it must start with / and have at most 128 visible ` +
      "ASCII characters, such as /shop/* .",
  );
}

function checkHost(value: string): string {
  if (HOST.test(value)) return value;
  throw new GeneratorInputError(
    `--host ${JSON.stringify(value)} is not a host name: use lowercase letters, digits, hyphens and dots (the ALB ` +
      "also takes * and ?), at most 128 characters, such as shop.example.com.",
  );
}

const sorted = (values: readonly string[]) => [...values].sort().join(",");
const sameMatch = (
  rule: { paths: readonly string[]; hosts: readonly string[] },
  paths: readonly string[],
  hosts: readonly string[],
) => sorted(rule.paths) === sorted(paths) && sorted(rule.hosts) === sorted(hosts);
const describe = (paths: readonly string[], hosts: readonly string[]) =>
  [...(hosts.length ? [`hosts ${hosts.join(", ")}`] : []), ...(paths.length ? [`paths ${paths.join(", ")}`] : [])].join(
    " and ",
  );

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** What the Pulumi CLI hands a program: flat `namespace:key` strings, plus which keys are secret. */
export interface StackConfig {
  readonly project: string;
  readonly stackFile: string;
  /** False when the project has no `Pulumi.<env>.yaml`; the program then runs with the project defaults only. */
  readonly exists: boolean;
  readonly values: Record<string, string>;
  readonly secretKeys: string[];
}

/** A `secure:` value cannot be decrypted without the stack's key; programs see this marked placeholder. */
export const secretPlaceholder = (key: string) => `[secret ${key}: placeholder, encrypted in the stack file]`;

type Yaml = Record<string, unknown>;

function asRecord(value: unknown, where: string): Yaml {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new Error(`${where} must be a mapping`);
  return value as Yaml;
}

/** The CLI encodes every non-string value as JSON text. */
const encode = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** `image` -> `service:image`; keys that name a namespace are kept. */
const fullKey = (project: string, key: string) => (key.includes(":") ? key : `${project}:${key}`);

/**
 * Reads a project's `Pulumi.yaml` defaults and its `Pulumi.<env>.yaml` into the form the Pulumi CLI passes
 * to a program (PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS), without the CLI.
 */
export function readStackConfig(projectDir: string, env: string): StackConfig {
  const projectFile = join(projectDir, "Pulumi.yaml");
  const projectDoc = asRecord(parse(readFileSync(projectFile, "utf8")), projectFile);
  const project = String(projectDoc.name ?? "");
  if (!project) throw new Error(`${projectFile} has no \`name\``);
  const stackFile = `Pulumi.${env}.yaml`;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];

  // Project-level config (Pulumi.yaml `config:`): a `default:` or a plain value applies to every stack.
  for (const [key, decl] of Object.entries(asRecord(projectDoc.config, `${projectFile} config`))) {
    const value = decl && typeof decl === "object" && !Array.isArray(decl) ? (decl as Yaml).default : decl;
    if (value !== undefined) values[fullKey(project, key)] = encode(value);
  }

  const stackPath = join(projectDir, stackFile);
  const exists = existsSync(stackPath);
  if (exists) {
    const stackDoc = asRecord(parse(readFileSync(stackPath, "utf8")), stackPath);
    for (const [key, value] of Object.entries(asRecord(stackDoc.config, `${stackPath} config`))) {
      const k = fullKey(project, key);
      if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
        values[k] = secretPlaceholder(k);
        secretKeys.push(k);
      } else {
        values[k] = encode(value);
      }
    }
  }
  return { project, stackFile, exists, values, secretKeys };
}

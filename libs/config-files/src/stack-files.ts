import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkAwsSettings, type SettingProblem } from "./aws-settings";
import { fullConfigKey, readPulumiProjectFile } from "./pulumi-project-file";
import { looksLikeToken } from "@platform/config/secret-values";
import { parseYamlFile } from "./yaml-file";

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

/**
 * Reads a project's `Pulumi.yaml` defaults and its `Pulumi.<env>.yaml` into the form the Pulumi CLI passes
 * to a program (PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS), without the CLI.
 */
export function readStackConfig(projectDir: string, env: string): StackConfig {
  const { name: project, config } = readPulumiProjectFile(join(projectDir, "Pulumi.yaml"));
  const stackFile = `Pulumi.${env}.yaml`;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];

  // Project-level config (Pulumi.yaml `config:`): a value (short form or `value:`) or a `default:` applies to
  // every stack that does not set the key.
  for (const [key, declaration] of Object.entries(config)) {
    const value = declaration.value !== undefined ? declaration.value : declaration.default;
    if (value !== undefined) values[key] = encode(value);
  }

  const stackPath = join(projectDir, stackFile);
  const exists = existsSync(stackPath);
  if (exists) {
    const stackDoc = asRecord(parseYamlFile(stackPath), stackPath);
    for (const [key, value] of Object.entries(asRecord(stackDoc.config, `${stackPath} config`))) {
      const k = fullConfigKey(project, key);
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

/**
 * Checks that apply to every stack file, whatever the project: no value that looks like a token (a token
 * belongs in `pulumi config set --secret`), and the AWS region and allowed accounts. Errors stop the stack;
 * warnings (a missing region or account list in dev) are shown and the plan goes on.
 */
export function checkStackFile(config: StackConfig, env: string): SettingProblem[] {
  if (!config.exists) return [];
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(config.values)) {
    if (config.secretKeys.includes(key) || !looksLikeToken(value)) continue;
    problems.push({
      key,
      severity: "error",
      message:
        `\`${key}\` in ${config.stackFile} holds a value that looks like a token (not shown here). A token in plaintext is ` +
        `readable by anyone with the repository. Fix: remove it from ${config.stackFile}, revoke it, and set it again with ` +
        `pulumi config set --secret ${key} <token> --stack ${env}`,
    });
  }
  return [...problems, ...checkAwsSettings(config.values, env, config.stackFile)];
}

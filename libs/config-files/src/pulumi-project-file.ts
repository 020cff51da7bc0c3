// The one reader of a Pulumi project file (Pulumi.yaml) for everything that runs without the Pulumi CLI: the
// offline plan, the program tests (through readStackConfig) and the nx plugin. nx loads the plugin at start-up,
// so this module imports nothing but `yaml` (through ./yaml-file).
import { parseYamlFile } from "./yaml-file";

/** One `config:` declaration of Pulumi.yaml (project-level config). */
export interface ConfigDeclaration {
  /** `type:` (`string`, `integer`, `boolean` or `array`), when declared. */
  readonly type?: string;
  /** `items:` of an `array`, e.g. `{ type: "string" }`. */
  readonly items?: { readonly type?: string };
  /** `default:`: what a stack that does not set the key gets. */
  readonly default?: unknown;
  /** `value:`, or the short form `<key>: <value>`: the key's value in every stack that does not set it. */
  readonly value?: unknown;
  /** `secret: true`: a stack must set the key with `pulumi config set --secret`. */
  readonly secret: boolean;
}

/** What Pulumi.yaml declares, checked for the types the Pulumi CLI requires. */
export interface PulumiProjectFile {
  /** The file as errors name it. */
  readonly file: string;
  /** `name`: the project, the middle part of every stack name `<org>/<project>/<stack>`. */
  readonly name: string;
  /** `runtime`, or `runtime.name` in the long form, e.g. `nodejs`. */
  readonly runtime: string;
  /** `runtime.options`, e.g. `{ nodeargs: "--import=tsx" }`; empty in the short form. */
  readonly runtimeOptions: Readonly<Record<string, unknown>>;
  /** `main`: the program's entry, relative to the project folder, when set (the CLI's default is the folder). */
  readonly main?: string;
  /** `stackConfigDir`: the folder of the stack files, relative to the project folder, when set. */
  readonly stackConfigDir?: string;
  /** The `config:` declarations by full key: a bare key gets the project's namespace (`port` → `app:port`). */
  readonly config: Readonly<Record<string, ConfigDeclaration>>;
}

/** A config key as the CLI passes it: a bare key gets the project's namespace (`port` → `app:port`). */
export const fullConfigKey = (project: string, key: string): string => (key.includes(":") ? key : `${project}:${key}`);

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Pulumi's own rule for project names (pkg/workspace: letters, digits, `-`, `_` and `.`).
const PROJECT_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Reads and checks a Pulumi.yaml. Every error names the file (`shownAs`, by default `file`), the key, the value
 * and how to fix it; a syntax error names the line and column.
 */
export function readPulumiProjectFile(file: string, shownAs = file): PulumiProjectFile {
  const doc = parseYamlFile(file, shownAs);
  if (!isMapping(doc)) {
    throw new Error(
      `${shownAs} holds ${shown(doc)}, not a mapping. Fix: write it as a Pulumi project file, at least ` +
        "`name: <project>` and `runtime: nodejs`.",
    );
  }
  const name = doc["name"];
  if (typeof name !== "string" || !PROJECT_NAME.test(name)) {
    throw new Error(
      `${shownAs}: \`name\` is ${shown(name)}; a Pulumi project name is letters, digits, "-", "_" or ".". ` +
        `Fix: set \`name: <project>\` in ${shownAs}.`,
    );
  }
  const { runtime, runtimeOptions } = readRuntime(doc["runtime"], shownAs);
  return {
    file: shownAs,
    name,
    runtime,
    runtimeOptions,
    ...optionalText(doc, "main", shownAs),
    ...optionalText(doc, "stackConfigDir", shownAs),
    config: readDeclarations(name, doc["config"], shownAs),
  };
}

function readRuntime(value: unknown, file: string): Pick<PulumiProjectFile, "runtime" | "runtimeOptions"> {
  if (typeof value === "string" && value) return { runtime: value, runtimeOptions: {} };
  if (isMapping(value) && typeof value["name"] === "string" && value["name"]) {
    const options = value["options"] ?? {};
    if (!isMapping(options)) {
      throw new Error(
        `${file}: \`runtime.options\` is ${shown(options)}; it must be a mapping, e.g. \`nodeargs: --import=tsx\`. ` +
          `Fix: write \`runtime.options\` as \`<option>: <value>\` lines in ${file}.`,
      );
    }
    return { runtime: value["name"], runtimeOptions: options };
  }
  throw new Error(
    `${file}: \`runtime\` is ${shown(value)}; it must name the language runtime, e.g. \`runtime: nodejs\` or ` +
      `\`runtime: { name: nodejs, options: {...} }\`. Fix: set \`runtime: nodejs\` in ${file}.`,
  );
}

function optionalText(doc: Mapping, key: "main" | "stackConfigDir", file: string): { [k in typeof key]?: string } {
  const value = doc[key];
  if (value === undefined || value === null) return {};
  if (typeof value === "string" && value) return { [key]: value };
  throw new Error(
    `${file}: \`${key}\` is ${shown(value)}; it must be a path relative to the project folder. ` +
      `Fix: set \`${key}: <path>\` in ${file}, or remove it.`,
  );
}

function readDeclarations(project: string, config: unknown, file: string): Record<string, ConfigDeclaration> {
  if (config === undefined || config === null) return {};
  if (!isMapping(config)) {
    throw new Error(
      `${file}: \`config\` is ${shown(config)}; it must be a mapping of keys to declarations. ` +
        `Fix: write \`config:\` as \`<key>: { type: string, default: ... }\` lines in ${file}.`,
    );
  }
  const result: Record<string, ConfigDeclaration> = {};
  for (const [key, declaration] of Object.entries(config)) {
    result[fullConfigKey(project, key)] = isMapping(declaration)
      ? readDeclaration(declaration, `${file}: \`config.${key}\``)
      : { value: declaration, secret: false };
  }
  return result;
}

function readDeclaration(declaration: Mapping, where: string): ConfigDeclaration {
  const { type, items, secret } = declaration;
  if (type !== undefined && typeof type !== "string") {
    throw new Error(`${where} has \`type: ${shown(type)}\`. Fix: use string, integer, boolean or array.`);
  }
  if (
    items !== undefined &&
    !(isMapping(items) && (items["type"] === undefined || typeof items["type"] === "string"))
  ) {
    throw new Error(
      `${where} has \`items: ${shown(items)}\`. Fix: use \`items: { type: string }\` (or integer, boolean).`,
    );
  }
  if (secret !== undefined && typeof secret !== "boolean") {
    throw new Error(`${where} has \`secret: ${shown(secret)}\`. Fix: use \`secret: true\` or remove it.`);
  }
  return {
    ...(type !== undefined ? { type } : {}),
    ...(items !== undefined ? { items } : {}),
    ...(declaration["default"] !== undefined ? { default: declaration["default"] } : {}),
    ...(declaration["value"] !== undefined ? { value: declaration["value"] } : {}),
    secret: secret === true,
  };
}

const shown = (value: unknown): string => (value === undefined ? "missing" : JSON.stringify(value));

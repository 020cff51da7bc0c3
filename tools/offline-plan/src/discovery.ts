// Finds the Pulumi projects to plan and what each declares in its Pulumi.yaml.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A Pulumi.yaml `config:` declaration (project-level config). */
export interface ConfigDeclaration {
  type?: string;
  items?: { type?: string };
  hasDefault: boolean;
  hasValue: boolean;
  secret: boolean;
}

export interface PlannedProject {
  dir: string;
  name: string;
  /** Absolute path of the program's entry (Pulumi.yaml `main`, default the project directory). */
  entry: string;
  /** Declarations by full key (`<namespace>:<name>`). */
  config: Record<string, ConfigDeclaration>;
  /** Environments with a stack file here (`Pulumi.<env>.yaml`). */
  environments: string[];
}

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/** The workspace root: tools/offline-plan/src/ is three levels below it. */
export const workspaceRoot = (): string => path.resolve(__dirname, "..", "..", "..");

/** Every directory under `<root>/projects` that holds a Pulumi.yaml, by name. */
export function defaultProjectDirs(root: string): string[] {
  const base = path.join(root, "projects");
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort()
    .map((name) => path.join(base, name))
    .filter((dir) => existsSync(path.join(dir, "Pulumi.yaml")));
}

export function loadProject(dir: string): PlannedProject {
  const absolute = path.resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(`--project ${dir}: no such directory.`);
  }
  const file = path.join(absolute, "Pulumi.yaml");
  if (!existsSync(file)) throw new Error(`--project ${dir}: ${file} does not exist, so this is not a Pulumi project.`);
  const doc = parseYaml(file) as Record<string, unknown> | null;
  const name = doc?.name;
  if (typeof name !== "string" || !name) throw new Error(`${file} has no \`name\`: set \`name: <project>\`.`);
  const runtime =
    typeof doc?.runtime === "object" && doc.runtime ? (doc.runtime as { name?: unknown }).name : doc?.runtime;
  if (runtime !== "nodejs") {
    throw new Error(
      `${file} has \`runtime: ${JSON.stringify(runtime)}\`; the offline plan runs Node.js programs only (\`runtime: nodejs\`).`,
    );
  }
  const main = typeof doc?.main === "string" ? doc.main : ".";
  const entry = path.resolve(absolute, main);
  if (!existsSync(entry)) throw new Error(`${file} has \`main: ${main}\`, but ${entry} does not exist.`);
  return {
    dir: absolute,
    name,
    entry,
    config: declarations(name, doc?.config, file),
    environments: readdirSync(absolute)
      .map((f) => STACK_FILE.exec(f)?.[1])
      .filter((env): env is string => !!env)
      .sort(),
  };
}

function declarations(project: string, config: unknown, file: string): Record<string, ConfigDeclaration> {
  if (config === undefined || config === null) return {};
  if (typeof config !== "object" || Array.isArray(config))
    throw new Error(`${file}: \`config\` must be a mapping of keys to declarations.`);
  const result: Record<string, ConfigDeclaration> = {};
  for (const [key, decl] of Object.entries(config)) {
    const full = key.includes(":") ? key : `${project}:${key}`;
    // A plain value (`key: value`) is shorthand for `value:`.
    if (typeof decl !== "object" || decl === null || Array.isArray(decl)) {
      result[full] = { hasDefault: false, hasValue: true, secret: false };
      continue;
    }
    const d = decl as Record<string, unknown>;
    result[full] = {
      ...(typeof d.type === "string" ? { type: d.type } : {}),
      ...(typeof d.items === "object" && d.items ? { items: d.items } : {}),
      hasDefault: d.default !== undefined,
      hasValue: d.value !== undefined,
      secret: d.secret === true,
    };
  }
  return result;
}

export function parseYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${(err as Error).message}`);
  }
}

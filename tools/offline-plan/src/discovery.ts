// Finds the Pulumi projects to plan and what each declares in its Pulumi.yaml.
import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
// The one Pulumi.yaml reader, through its own entry point (the package index also loads the Pulumi SDK).
import { type ConfigDeclaration, readPulumiProjectFile } from "@platform/config-files/pulumi-project-file";
import { programEntry } from "./entry-point";

export interface PlannedProject {
  dir: string;
  name: string;
  /** Absolute path of the program's entry: Pulumi.yaml `main`, package.json's entry, or the project directory. */
  entry: string;
  /** Declarations by full key (`<namespace>:<name>`). */
  config: Readonly<Record<string, ConfigDeclaration>>;
  /** Environments with a stack file here (`Pulumi.<env>.yaml`). */
  environments: string[];
}

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/**
 * The workspace root: tools/offline-plan is two levels below it. Found through the package, not `__dirname`: this
 * module also runs bundled from elsewhere (bin/plan.js).
 */
export const workspaceRoot = (): string =>
  path.resolve(require.resolve("@platform/offline-plan/package.json"), "..", "..", "..");

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
  const { name, runtime, main, config } = readPulumiProjectFile(file);
  if (runtime !== "nodejs") {
    throw new Error(
      `${file} has \`runtime: ${JSON.stringify(runtime)}\`; the offline plan runs Node.js programs only. ` +
        `Fix: plan it with \`pulumi preview\`, or pass only Node.js projects with --project.`,
    );
  }
  const entry = programEntry(absolute, main);
  if (!existsSync(entry)) {
    throw new Error(
      `${file} has \`main: ${main ?? "."}\`, but ${entry} does not exist. Fix: point \`main\` at the program's entry.`,
    );
  }
  return {
    dir: absolute,
    name,
    entry,
    config,
    environments: readdirSync(absolute)
      .map((f) => STACK_FILE.exec(f)?.[1])
      .filter((env): env is string => !!env)
      .sort(),
  };
}

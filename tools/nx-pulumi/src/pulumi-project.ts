import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
// Through their own entry points, which import only `yaml`: nx loads this plugin at start-up.
import { readPulumiProjectFile } from "@platform/config-files/pulumi-project-file";
import { parseYamlFile } from "@platform/config-files/yaml-file";
import { REPOSITORY_STACK } from "@platform/contracts/stacks";

/** What the plugin needs to know about one Pulumi project, read from its Pulumi.yaml and stack files. */
export interface PulumiProject {
  /** `name` in Pulumi.yaml: also the nx project name and the middle part of every stack name. */
  readonly name: string;
  /** Workspace-relative folder holding Pulumi.yaml, with forward slashes. */
  readonly root: string;
  /**
   * Environments with a stack file, in the order of the known environments (promotion order); or only
   * `repository`, for a project with one stack per repository.
   */
  readonly environments: readonly string[];
  /** Workspace-relative stack file of each environment. */
  readonly stackFiles: Readonly<Record<string, string>>;
  /** `<name>:org` of each stack file that sets it. */
  readonly configuredOrgs: Readonly<Record<string, string>>;
}

// Pulumi's own rule for project names (checked by the reader) allows periods; the name also becomes an
// nx project name and a shell word in every command line, so keep it to what is safe in both.
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/** Reads the project whose Pulumi.yaml is at `projectFile` (workspace-relative). Throws on anything it cannot use. */
export function readPulumiProject(
  workspaceRoot: string,
  projectFile: string,
  knownEnvironments: readonly string[],
): PulumiProject {
  const root = posix.dirname(projectFile);
  const manifest = readPulumiProjectFile(join(workspaceRoot, projectFile), projectFile);
  const name = manifest.name;
  if (!PROJECT_NAME.test(name)) {
    throw new Error(
      `${projectFile}: \`name\` is ${JSON.stringify(name)}; it must be letters, digits, "-" or "_" ` +
        `(it names the nx project and the stacks <org>/<name>/<env>). Set \`name:\` in ${projectFile}.`,
    );
  }
  const stackDir = manifest.stackConfigDir === undefined ? root : posix.join(root, manifest.stackConfigDir);
  const stackFiles: Record<string, string> = {};
  const configuredOrgs: Record<string, string> = {};
  for (const file of listStackFiles(workspaceRoot, stackDir)) {
    const env = STACK_FILE.exec(file)![1]!;
    const stackFile = posix.join(stackDir, file);
    if (!knownEnvironments.includes(env) && env !== REPOSITORY_STACK) {
      throw new Error(
        `${stackFile}: the stack "${env}" is not an environment; stacks are named for one of ` +
          `${knownEnvironments.join(", ")} (libs/config rejects any other at run time), or \`${REPOSITORY_STACK}\` ` +
          `for a project with one stack per repository. Rename or remove the file.`,
      );
    }
    stackFiles[env] = stackFile;
    const org = readConfiguredOrg(workspaceRoot, stackFile, `${name}:org`);
    if (org !== undefined) configuredOrgs[env] = org;
  }
  const environments = [...knownEnvironments, REPOSITORY_STACK].filter((env) => env in stackFiles);
  if (environments.includes(REPOSITORY_STACK) && environments.length > 1) {
    throw new Error(
      `${root}: ${stackFiles[REPOSITORY_STACK]} is the one stack of a project set up once per repository, but ` +
        `${root} also has ${environments
          .filter((e) => e !== REPOSITORY_STACK)
          .map((e) => stackFiles[e])
          .join(", ")}. ` +
        `Keep either the per-repository stack or the environments' stacks.`,
    );
  }
  return { name, root, environments, stackFiles, configuredOrgs };
}

function listStackFiles(workspaceRoot: string, stackDir: string): string[] {
  const dir = join(workspaceRoot, stackDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => STACK_FILE.test(file))
    .sort();
}

function readConfiguredOrg(workspaceRoot: string, stackFile: string, key: string): string | undefined {
  const stack = parseYamlFile(join(workspaceRoot, stackFile), stackFile);
  const config = typeof stack === "object" && stack !== null && "config" in stack ? stack.config : undefined;
  const value = typeof config === "object" && config !== null ? (config as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !ORG_NAME.test(value)) {
    throw new Error(
      `${stackFile}: \`${key}\` is ${JSON.stringify(value)}; it must be a Pulumi organization name ` +
        `(letters, digits, "-", "_" or "."). Fix it with: pulumi config set ${key} <org> --stack <env>`,
    );
  }
  return value;
}

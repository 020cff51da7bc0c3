import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CreateNodesResult, ProjectConfiguration, TargetConfiguration } from "@nx/devkit";
import { inferPulumiProjects } from "../../src/create-nodes";
import type { NxPulumiOptions } from "../../src/options";

/** A throwaway workspace on disk: file path (workspace-relative) -> content. */
export function tempWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "nx-pulumi-ws-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A Pulumi project folder's files: Pulumi.yaml plus one stack file per environment (with optional config). */
export function pulumiProject(
  root: string,
  name: string,
  stacks: Record<string, Record<string, string>>,
): Record<string, string> {
  const files: Record<string, string> = { [`${root}/Pulumi.yaml`]: `name: ${name}\nruntime: nodejs\n` };
  for (const [env, config] of Object.entries(stacks)) {
    const lines = Object.entries(config).map(([k, v]) => `  ${k}: ${v}`);
    files[`${root}/Pulumi.${env}.yaml`] =
      `config:\n${lines.length ? lines.join("\n") : "  aws:region: eu-central-1"}\n`;
  }
  return files;
}

/** The stack graph module, as libs/contracts declares it. */
export function stackGraphModule(graph: Record<string, string[]>): Record<string, string> {
  return { "libs/contracts/src/stacks.ts": `export const UPSTREAM_PROJECTS = ${JSON.stringify(graph)};\n` };
}

/** Runs the plugin's createNodes over every Pulumi.yaml given, and returns the inferred projects by root. */
export function infer(
  workspaceRoot: string,
  projectFiles: string[],
  options?: NxPulumiOptions,
): Record<string, ProjectConfiguration> {
  const results = inferPulumiProjects(projectFiles, options, {
    workspaceRoot,
    nxJsonConfiguration: { namedInputs: { production: ["default"] } },
  });
  return Object.assign({}, ...results.map(([, r]: readonly [string, CreateNodesResult]) => r.projects)) as Record<
    string,
    ProjectConfiguration
  >;
}

/** The command line of a target, or of one of its configurations; nx types both as `any`. */
export function commandOf(target: TargetConfiguration | undefined, configuration?: string): string {
  const options: unknown = configuration === undefined ? target?.options : target?.configurations?.[configuration];
  const command = typeof options === "object" && options !== null && "command" in options ? options.command : undefined;
  if (typeof command !== "string") {
    throw new Error(`the target has no command in ${configuration ?? "its options"}: ${JSON.stringify(options)}`);
  }
  return command;
}

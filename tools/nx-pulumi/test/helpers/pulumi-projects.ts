import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WORKSPACE_ROOT } from "./nx-env";

/** The real Pulumi projects, as a person would list them: folders under projects/ with a Pulumi.yaml. */
export const PULUMI_PROJECTS = ["networking", "registry-access", "service"] as const;

/** Environments with a stack file on disk, in promotion order. */
export function stackEnvironmentsOnDisk(project: string): string[] {
  const files = readdirSync(join(WORKSPACE_ROOT, "projects", project));
  return ["dev", "staging", "prod"].filter((env) => files.includes(`Pulumi.${env}.yaml`));
}

/** The `@platform/<name>` packages a project's program (not its tests) imports. */
export function platformImportsOf(project: string): string[] {
  const dir = join(WORKSPACE_ROOT, "projects", project);
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const match of readFileSync(join(dir, file), "utf8").matchAll(/from\s+["']@platform\/([\w-]+)/g)) found.add(match[1]!);
  }
  return [...found].sort();
}

/**
 * The projects whose stacks a program names through `stackName(org, "<project>", env)` (libs/contracts), the one
 * way a program spells another stack. A scan of the source, so it only sees literal project names: it is a
 * tripwire for a reference added without updating UPSTREAM_PROJECTS, not a proof there is none.
 */
export function stacksNamedBy(project: string): string[] {
  const dir = join(WORKSPACE_ROOT, "projects", project);
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const match of readFileSync(join(dir, file), "utf8").matchAll(/stackName\(\s*[^,()]+,\s*["']([\w-]+)["']/g)) found.add(match[1]!);
  }
  return [...found].sort();
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { WORKSPACE_ROOT } from "./nx-env";

/** The real Pulumi projects, read from disk as a person would list them: folders under projects/ with a Pulumi.yaml. */
export const PULUMI_PROJECTS = readdirSync(join(WORKSPACE_ROOT, "projects"))
  .filter((name) => existsSync(join(WORKSPACE_ROOT, "projects", name, "Pulumi.yaml")))
  .sort();

/** Environments with a stack file on disk, in promotion order. */
export const stackEnvironmentsOnDisk = (project: string): string[] => {
  const files = readdirSync(join(WORKSPACE_ROOT, "projects", project));
  return ENVIRONMENTS.filter((env) => files.includes(`Pulumi.${env}.yaml`));
};

/** The projects with a stack per environment (every one but a per-repository project such as delivery). */
export const ENVIRONMENT_PROJECTS = PULUMI_PROJECTS.filter((p) => stackEnvironmentsOnDisk(p).length > 0);

/** The `@platform/<name>` packages a project's program (not its tests) imports. */
export function platformImportsOf(project: string): string[] {
  const dir = join(WORKSPACE_ROOT, "projects", project);
  const found = new Set<string>();
  for (const file of programFiles(dir)) {
    for (const match of readFileSync(join(dir, file), "utf8").matchAll(/from\s+["']@platform\/([\w-]+)/g))
      found.add(match[1]!);
  }
  return [...found].sort();
}

/**
 * How a program's source reaches other stacks: the consumer names it passes to `readUpstreamStacks` (libs/contracts,
 * which reads exactly UPSTREAM_PROJECTS[consumer]) or itself when it calls `readServiceUpstreamStacks`, and
 * whether it bypasses that with `stackName(` or a
 * `StackReference` of its own. A scan of the source: a tripwire, not a proof.
 */
export function stackReadsOf(project: string): { consumers: string[]; bypasses: string[] } {
  const dir = join(WORKSPACE_ROOT, "projects", project);
  // A program's code includes the libraries it runs (a service's whole program is libs/service-component), except
  // libs/contracts, which is the reader itself.
  const libs = platformImportsOf(project)
    .filter((lib) => lib !== "contracts")
    .map((lib) => join(WORKSPACE_ROOT, "libs", lib))
    .filter((libDir) => existsSync(join(libDir, "src")));
  const files = [dir, ...libs].flatMap((root) => programFiles(root).map((file) => join(root, file)));
  const consumers = new Set<string>();
  const bypasses: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/readUpstreamStacks\(\s*["']([\w-]+)["']/g)) consumers.add(match[1]!);
    // A service reads its upstreams as itself: every service program reads SERVICE_UPSTREAMS.
    if (/readServiceUpstreamStacks\(/.test(text)) consumers.add(project);
    for (const match of text.matchAll(/\b(stackName|StackReference)\(/g)) bypasses.push(`${file}: ${match[1]}(`);
  }
  return { consumers: [...consumers].sort(), bypasses };
}

/** A program's own source files, relative to its folder: `index.ts` and the modules under `src/`. */
function programFiles(dir: string): string[] {
  const src = existsSync(join(dir, "src")) ? readdirSync(join(dir, "src"), { recursive: true, encoding: "utf8" }) : [];
  return [
    ...readdirSync(dir).filter((f) => f.endsWith(".ts")),
    ...src.filter((f) => f.endsWith(".ts")).map((f) => join("src", f)),
  ];
}

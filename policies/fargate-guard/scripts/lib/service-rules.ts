import { readStackConfig } from "@platform/config-files/stack-files";
import { findServiceProjects } from "@platform/config-files/service-projects";

/** A service's rule on the shared listener, as its stack file configures it. */
export interface ServiceRule {
  readonly project: string;
  readonly priority: number;
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
}

/**
 * The listener rule of every service project in `env`, read from its stack file with the component's defaults (no
 * paths and no hosts is every path). A stack file that does not set a priority a program would accept is left out:
 * the program refuses it anyway, with a better message than the pack's config could give.
 */
export function serviceRulesOf(root: string, env: string): ServiceRule[] {
  return findServiceProjects(root).flatMap(({ name: project, dir }) => {
    const stack = readStackConfig(dir, env);
    if (!stack.exists) return [];
    const priority = Number(stack.values[`${project}:listenerPriority`]);
    if (!Number.isInteger(priority)) return [];
    const hosts = list(stack.values[`${project}:hosts`]);
    const paths = list(stack.values[`${project}:paths`]);
    return [{ project, priority, paths: paths.length || hosts.length ? paths : ["/*"], hosts }];
  });
}

function list(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

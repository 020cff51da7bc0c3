// What the generator reads from the workspace (through nx's Tree, so --dry-run and tests see the same files):
// the environments' stack files of networking, registry-access and the existing services.
import type { Tree } from "@nx/devkit";
import { parse } from "yaml";

export type StackValues = Readonly<Record<string, unknown>>;

/** The `config:` mapping of `projects/<project>/Pulumi.<env>.yaml`, or undefined when there is no such file. */
export function stackValues(tree: Tree, project: string, env: string): StackValues | undefined {
  const file = `projects/${project}/Pulumi.${env}.yaml`;
  const text = tree.read(file, "utf-8");
  if (text === null) return undefined;
  const document = parse(text) as { config?: StackValues } | null;
  return document?.config ?? {};
}

/** The Pulumi projects under projects/, by folder. */
export function pulumiProjects(tree: Tree): string[] {
  return tree
    .children("projects")
    .filter((name) => tree.exists(`projects/${name}/Pulumi.yaml`))
    .sort();
}

/** A listener rule another project's stack file configures: its priority and match, for collisions. */
export interface ExistingRule {
  readonly project: string;
  readonly env: string;
  readonly priority: number;
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
}

/** Every `<project>:listenerPriority` in the stack files of `env`, with the paths and hosts beside it. */
export function existingRules(tree: Tree, env: string): ExistingRule[] {
  return pulumiProjects(tree).flatMap((project) => {
    const values = stackValues(tree, project, env) ?? {};
    const priority = values[`${project}:listenerPriority`];
    if (typeof priority !== "number") return [];
    const list = (key: string) => {
      const value = values[`${project}:${key}`];
      return Array.isArray(value) ? value.map(String) : [];
    };
    const hosts = list("hosts");
    const paths = list("paths");
    return [{ project, env, priority, hosts, paths: paths.length || hosts.length ? paths : ["/*"] }];
  });
}

/** The registry hosts registry-access holds credentials for in `env` (its default is ghcr.io). */
export function credentialHosts(tree: Tree, env: string): string[] {
  const registries = stackValues(tree, "registry-access", env)?.["registry-access:registries"];
  if (registries === undefined) return ["ghcr.io"];
  return Array.isArray(registries)
    ? registries.flatMap((r) =>
        typeof (r as { host?: unknown }).host === "string" ? [(r as { host: string }).host] : [],
      )
    : [];
}

/** The port networking's service security group admits in `env` (its default is 8098). */
export function servicePort(tree: Tree, env: string): number {
  const port = stackValues(tree, "networking", env)?.["networking:servicePort"];
  return typeof port === "number" ? port : 8098;
}

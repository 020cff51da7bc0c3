// What the generator reads from the workspace (through nx's Tree, so --dry-run and tests see the same files):
// the environments' stack files of networking, registry-access and the existing services.
import type { Tree } from "@nx/devkit";
import { type ListenerRule, listenerRuleOf } from "@platform/config-files/listener-rules";
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

/** A listener rule another project's stack file of `env` configures, for collisions. */
export interface ExistingRule extends ListenerRule {
  readonly env: string;
}

/** Every project's listener rule in the stack files of `env`. */
export function existingRules(tree: Tree, env: string): ExistingRule[] {
  return pulumiProjects(tree).flatMap((project) => {
    const values = stackValues(tree, project, env) ?? {};
    const rule = listenerRuleOf(project, (key) => values[key]);
    return rule ? [{ ...rule, env }] : [];
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

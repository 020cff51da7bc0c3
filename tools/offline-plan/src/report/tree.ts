// A stack's resources as `pulumi preview` lists them: indented by parent, `+` for what it would
// create, `>` for what it reads.
import type { CapturedResource } from "../types";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function resourceTree(resources: CapturedResource[]): string[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const stackRoot = resources.find((r) => r.type === ROOT_STACK_TYPE);
  const children = new Map<string, CapturedResource[]>();
  const roots: CapturedResource[] = [];
  for (const resource of resources) {
    // Resources without a known parent (default providers) show under the stack, as the CLI shows them.
    const parent =
      resource.parent && byUrn.has(resource.parent)
        ? resource.parent
        : resource === stackRoot
          ? ""
          : (stackRoot?.urn ?? "");
    if (!parent) roots.push(resource);
    else children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  const lines: string[] = [];
  const walk = (resource: CapturedResource, depth: number) => {
    lines.push(`${"  ".repeat(depth)}${resource.operation === "read" ? ">" : "+"} ${resource.type} ${resource.name}`);
    for (const child of children.get(resource.urn) ?? []) walk(child, depth + 1);
  };
  for (const resource of roots) walk(resource, 0);
  return lines;
}

export function resourceCounts(resources: CapturedResource[]): { create: number; read: number } {
  const read = resources.filter((r) => r.operation === "read").length;
  return { create: resources.length - read, read };
}

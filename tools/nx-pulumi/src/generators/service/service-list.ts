import type { Tree } from "@nx/devkit";
import { GeneratorInputError } from "./check-options";

/** Where the stack graph lists the service projects (libs/contracts). */
export const STACKS_MODULE = "libs/contracts/src/stacks.ts";
const LIST = /export const SERVICE_PROJECTS = \[([^\]]*)\] as const;/;

/** Adds `name` to SERVICE_PROJECTS, kept sorted, so the stack graph, the nx plugin and the tools know the service. */
export function addServiceProject(tree: Tree, name: string): void {
  const text = tree.read(STACKS_MODULE, "utf-8");
  const list = text === null ? null : LIST.exec(text);
  if (text === null || list === null) {
    throw new GeneratorInputError(
      `${STACKS_MODULE} has no \`export const SERVICE_PROJECTS = [...] as const;\`, where the service projects are ` +
        "listed; restore it, or add the service to the stack graph by hand.",
    );
  }
  const names = [...list[1]!.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!);
  const updated = [...new Set([...names, name])].sort();
  tree.write(
    STACKS_MODULE,
    text.replace(
      LIST,
      `export const SERVICE_PROJECTS = [${updated.map((n) => JSON.stringify(n)).join(", ")}] as const;`,
    ),
  );
}

import { ENVIRONMENTS } from "@platform/config/environments";

/** Options of the plugin entry in nx.json (`{ "plugin": "@platform/nx-pulumi", "options": { ... } }`). */
export interface NxPulumiOptions {
  /**
   * Policy packs every Pulumi project is previewed and deployed with, as workspace-relative folders.
   * Each must hold `config/<env>.json` for every environment.
   * @default ["policies/fargate-guard"]
   */
  readonly policyPacks?: readonly string[];
  /**
   * Folder of the offline plan tool; `plan` runs `node <planTool>/bin/plan.js`.
   * @default "tools/offline-plan"
   */
  readonly planTool?: string;
  /**
   * Workspace-relative TypeScript module exporting `UPSTREAM_PROJECTS` (project -> projects whose stacks it reads).
   * @default "libs/contracts/src/stacks.ts"
   */
  readonly stackGraphModule?: string;
  /**
   * Configuration a target runs with when no `-c` is given.
   * @default "dev"
   */
  readonly defaultEnvironment?: string;
}

export interface ResolvedOptions {
  readonly policyPacks: readonly string[];
  readonly planTool: string;
  readonly stackGraphModule: string;
  readonly defaultEnvironment: string;
  /** Known environments in promotion order; a stack file for any other name is an error. */
  readonly environments: readonly string[];
}

export function resolveOptions(options: NxPulumiOptions | undefined): ResolvedOptions {
  const resolved = {
    policyPacks: (options?.policyPacks ?? ["policies/fargate-guard"]).map(trimSlashes),
    planTool: trimSlashes(options?.planTool ?? "tools/offline-plan"),
    stackGraphModule: trimSlashes(options?.stackGraphModule ?? "libs/contracts/src/stacks.ts"),
    defaultEnvironment: options?.defaultEnvironment ?? "dev",
    // One list for the whole repository: libs/config rejects a stack outside it at run time,
    // so the graph rejects its stack file up front.
    environments: ENVIRONMENTS as readonly string[],
  };
  if (!resolved.environments.includes(resolved.defaultEnvironment)) {
    throw new Error(
      `nx.json: the @platform/nx-pulumi option \`defaultEnvironment\` is "${resolved.defaultEnvironment}", ` +
        `but the environments are ${resolved.environments.join(", ")}. Set it to one of them.`,
    );
  }
  return resolved;
}

function trimSlashes(path: string): string {
  return path.replace(/^\.\//, "").replace(/\/+$/, "");
}

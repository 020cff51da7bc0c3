import { posix } from "node:path";
import { stackArgument } from "./org";

/** Everything a command line depends on for one project and one environment. */
export interface CommandContext {
  /** Pulumi project name (Pulumi.yaml `name`). */
  readonly project: string;
  /** Workspace-relative project folder: the working directory of every pulumi command. */
  readonly projectRoot: string;
  readonly env: string;
  /** Org from stack config, or undefined to defer to $PULUMI_ORG / Pulumi's default org. */
  readonly org: string | undefined;
  /** Workspace-relative policy pack folders. */
  readonly policyPacks: readonly string[];
}

export type PulumiVerb = "preview" | "up" | "refresh" | "destroy";

/**
 * The pulumi command line for a verb, run with the project folder as working directory. Previews and updates run
 * every policy pack with the environment's pack config (`<pack>/config/<env>.json`), so what `up` enforces is
 * exactly what `preview` showed; refresh and destroy take no policy packs (the CLI runs none for them).
 */
export function pulumiCommand(verb: PulumiVerb, ctx: CommandContext): string {
  const stack = `--stack ${stackArgument(ctx.project, ctx.env, ctx.org)}`;
  switch (verb) {
    case "preview":
      return ["pulumi preview", stack, ...policyPackArgs(ctx)].join(" ");
    case "up":
      return ["pulumi up --yes", stack, ...policyPackArgs(ctx)].join(" ");
    case "refresh":
      return ["pulumi refresh --yes", stack].join(" ");
    case "destroy":
      return ["pulumi destroy --yes", stack].join(" ");
  }
}

/** The offline plan of one stack, run from the workspace root; it needs no cloud account and no Pulumi CLI. */
export function planCommand(planTool: string, ctx: CommandContext): string {
  const packs = ctx.policyPacks.map((pack) => `--policy-pack ${pack}`);
  return [`node ${planTool}/bin/plan.js --project ${ctx.projectRoot} --env ${ctx.env}`, ...packs].join(" ");
}

function policyPackArgs(ctx: CommandContext): string[] {
  return ctx.policyPacks.flatMap((pack) => {
    // pulumi resolves both paths against its working directory, the project folder.
    const fromProject = posix.relative(ctx.projectRoot, pack);
    return [`--policy-pack ${fromProject}`, `--policy-pack-config ${fromProject}/config/${ctx.env}.json`];
  });
}

import { posix } from "node:path";
import { REPOSITORY_STACK } from "@platform/contracts/stacks";
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

/** `pulumi destroy`, refused while a stack that reads this one has resources (src/destroy-guard.ts). */
export const DESTROY_GUARD = "tools/nx-pulumi/bin/destroy.js";

/**
 * The pulumi command line for a verb, run with the project folder as working directory. Previews and updates run
 * every policy pack with the environment's pack config (`<pack>/config/<env>.json`), so what `up` enforces is
 * exactly what `preview` showed; refresh and destroy take no policy packs (the CLI runs none for them). `up` first
 * selects the stack, creating it when it does not exist yet (a fresh account, a new service), so a first deploy needs
 * no `stack init`; destroy runs through the guard, which refuses while a stack that reads this one has resources.
 */
export function pulumiCommand(verb: PulumiVerb, ctx: CommandContext): string {
  const stack = `--stack ${stackArgument(ctx.project, ctx.env, ctx.org)}`;
  switch (verb) {
    case "preview":
      return ["pulumi preview", stack, ...policyPackArgs(ctx)].join(" ");
    case "up":
      return [`pulumi stack select --create ${stack} &&`, "pulumi up --yes", stack, ...policyPackArgs(ctx)].join(" ");
    case "refresh":
      return ["pulumi refresh --yes", stack].join(" ");
    case "destroy":
      return [`node ${posix.relative(ctx.projectRoot, DESTROY_GUARD)} --yes`, stack].join(" ");
  }
}

/**
 * The offline plan of one stack, run from the workspace root; it needs no cloud account and no Pulumi CLI.
 * Offline, a StackReference resolves to the outputs of an upstream program in the same run, so the run holds
 * the stacks this one reads (`upstreamRoots`, upstream first) as well as the stack itself. Each pack gets the
 * environment's config explicitly, as preview does, so a missing config file fails the plan too.
 */
export function planCommand(planTool: string, ctx: CommandContext, upstreamRoots: readonly string[]): string {
  const projects = [...upstreamRoots, ctx.projectRoot].map((root) => `--project ${root}`);
  const packs = ctx.policyPacks.flatMap((pack) => [
    `--policy-pack ${pack}`,
    ...(hasPackConfig(ctx) ? [`--policy-pack-config ${pack}/config/${ctx.env}.json`] : []),
  ]);
  return [`node ${planTool}/bin/plan.js`, ...projects, `--env ${ctx.env}`, ...packs].join(" ");
}

function policyPackArgs(ctx: CommandContext): string[] {
  return ctx.policyPacks.flatMap((pack) => {
    // pulumi resolves both paths against its working directory, the project folder.
    const fromProject = posix.relative(ctx.projectRoot, pack);
    return [
      `--policy-pack ${fromProject}`,
      ...(hasPackConfig(ctx) ? [`--policy-pack-config ${fromProject}/config/${ctx.env}.json`] : []),
    ];
  });
}

/**
 * Pack configs are per environment (generated from its profile); a per-repository stack has none and runs the pack
 * at its rules' own levels, which hold oidc-trust-pinned and every other IAM rule mandatory.
 */
const hasPackConfig = (ctx: CommandContext) => ctx.env !== REPOSITORY_STACK;

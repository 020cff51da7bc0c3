import type { TargetConfiguration } from "@nx/devkit";
import { REPOSITORY_STACK } from "@platform/contracts/stacks";
import { type CommandContext, planCommand, type PulumiVerb, pulumiCommand } from "./commands";
import type { ResolvedOptions } from "./options";
import type { PulumiProject } from "./pulumi-project";

/** What the targets of one project are built from, besides the project itself. */
export interface TargetInputs {
  readonly options: ResolvedOptions;
  /** Org of each environment from stack config (see resolveOrgs). */
  readonly orgs: Readonly<Record<string, string | undefined>>;
  /** Folders of the projects whose stacks this one reads, transitively and upstream first: the plan runs them too. */
  readonly upstreamRoots: readonly string[];
  /** The named input holding a project's non-test files: `production` when nx.json defines it. */
  readonly productionInput: string;
}

/**
 * What every Pulumi target carries in its metadata, so the workflows read where and what it runs from the
 * project graph (`.data.targets.<t>.metadata.pulumi`) instead of parsing it back out of the command line.
 */
export interface PulumiTargetMetadata {
  /** Workspace-relative project folder. */
  readonly projectRoot: string;
  /**
   * The stack each configuration (environment) runs: its org from stack config (null: the CLI's $PULUMI_ORG or
   * default org decides), project and stack name.
   */
  readonly stacks: Readonly<Record<string, { org: string | null; project: string; stack: string }>>;
  /** Folders of the projects whose stacks this one reads, transitively and upstream first. */
  readonly upstreamRoots: readonly string[];
}

const DESCRIPTIONS: Record<PulumiVerb | "plan", string> = {
  plan: "Offline plan of the stack (and the stacks it reads) under SDK mocks with the policy packs; no cloud account (cached).",
  preview: "pulumi preview with the policy packs and the environment's pack config.",
  up: "pulumi up with the policy packs; the stacks it reads are updated first.",
  refresh: "pulumi refresh: reconcile state with the cloud.",
  destroy: "pulumi destroy, refused while a stack that reads this one still has resources.",
};

/** The plan/preview/up/refresh/destroy targets of a Pulumi project, one configuration per stack file. */
export function pulumiTargets(project: PulumiProject, inputs: TargetInputs): Record<string, TargetConfiguration> {
  const { options } = inputs;
  const context = (env: string): CommandContext => ({
    project: project.name,
    projectRoot: project.root,
    env,
    org: inputs.orgs[env],
    policyPacks: options.policyPacks,
  });
  const pulumi: PulumiTargetMetadata = {
    projectRoot: project.root,
    stacks: Object.fromEntries(
      project.environments.map((env) => [env, { org: inputs.orgs[env] ?? null, project: project.name, stack: env }]),
    ),
    upstreamRoots: inputs.upstreamRoots,
  };
  const perEnvironment = (
    name: PulumiVerb | "plan",
    command: (ctx: CommandContext) => string,
    cwd?: string,
  ): TargetConfiguration => ({
    ...withEnvironments(project, options.defaultEnvironment, name, command, context, cwd),
    metadata: { description: DESCRIPTIONS[name], technologies: ["pulumi"], pulumi },
  });

  const deploy = (verb: PulumiVerb): TargetConfiguration => ({
    ...perEnvironment(verb, (ctx) => pulumiCommand(verb, ctx), project.root),
    // Talks to the cloud: the result depends on state outside the repository, so it is never replayed from cache.
    cache: false,
  });

  return {
    plan: {
      ...perEnvironment("plan", (ctx) => planCommand(options.planTool, ctx, inputs.upstreamRoots)),
      cache: true,
      inputs: [
        inputs.productionInput,
        // Production files of everything the program imports, the policy packs and the upstream projects
        // (all are project-graph dependencies), plus the plan tool itself, which is not.
        `^${inputs.productionInput}`,
        `{workspaceRoot}/${options.planTool}/bin/**/*`,
        `{workspaceRoot}/${options.planTool}/src/**/*`,
      ],
      outputs: [],
    },
    preview: deploy("preview"),
    up: { ...deploy("up"), dependsOn: ["^up"] },
    refresh: deploy("refresh"),
    // Never the stacks that read this one as well: a destroy of networking that first destroyed every service would
    // take the environment down as surely as a raw one. The guard refuses instead, naming them.
    destroy: deploy("destroy"),
  };
}

function withEnvironments(
  project: PulumiProject,
  defaultEnvironment: string,
  name: PulumiVerb | "plan",
  command: (ctx: CommandContext) => string,
  context: (env: string) => CommandContext,
  cwd: string | undefined,
): TargetConfiguration {
  const hasDefault = project.environments.includes(defaultEnvironment);
  // nx runs a project without the configuration asked for (`-c staging`) with its default one, or else with
  // these options (nx tasks-runner/create-task-graph.js, resolveConfiguration). A per-repository stack has
  // no default, so an environment's run passes over it, saying how to run it.
  const perRepository = project.environments.includes(REPOSITORY_STACK);
  const configurations = Object.fromEntries(
    project.environments.map((env) => [env, { command: command(context(env)) }]),
  );
  return {
    executor: "nx:run-commands",
    options: {
      ...(cwd ? { cwd } : {}),
      // Reached only when the project has no stack for the default environment and no -c was given.
      ...(hasDefault
        ? {}
        : perRepository
          ? {
              command: `echo "${project.name} has one stack per repository, not one per environment: nx run ${project.name}:${name}:${REPOSITORY_STACK}" >&2`,
            }
          : {
              command: `echo "${project.name}:${name} needs an environment: -c ${project.environments.join("|")}" >&2; exit 1`,
            }),
    },
    configurations,
    ...(hasDefault ? { defaultConfiguration: defaultEnvironment } : {}),
  };
}

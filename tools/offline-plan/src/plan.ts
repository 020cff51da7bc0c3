// One offline plan: every stack's program in its own process, every policy pack started alongside,
// resources analyzed as they register, each stack analyzed as a whole when its program ends.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { isEnvironment } from "@platform/config/environments";
import { UsageError, type PlanArgs } from "./args";
import { FIXTURE_FILE } from "./child/call-fixtures";
import { DefaultProviders } from "./default-providers";
import { defaultProjectDirs, loadProject, type PlannedProject } from "./discovery";
import { judgePackConfigFile } from "./pack/judge-pack-config";
import type { AnalyzedResource, PolicyPack } from "./pack/policy-pack";
import { workspacePackagesNote } from "./program-packages";
import { ProgramProcesses } from "./program-process";
import {
  configEnvironment,
  DEFAULT_ORGANIZATION,
  fixtureFileOf,
  programConfig,
  type ProgramConfig,
} from "./stack-config";
import { plural, seconds } from "./report/verdict";
import { PackPool, type PackSpec } from "./run/pack-pool";
import { LIVE_PER_SLOT, LivePrograms, type PlanPrograms } from "./run/live-programs";
import { ProgramSlots } from "./run/program-slots";
import { StackRegistry } from "./stack-registry";
import {
  fullyQualifiedName,
  type CapturedResource,
  type PlanResult,
  type StackIdentity,
  type StackResult,
  type Violation,
} from "./types";

export type Progress = (line: string) => void;

interface PlannedStack {
  project: PlannedProject;
  identity: StackIdentity;
  config: ProgramConfig | null;
  configError: string | null;
}

/** What one plan covers: an environment, its projects and its policy packs. */
export interface PlanRequest {
  env: string;
  projects: PlannedProject[];
  packs: PackSpec[];
  /** What judging the pack configs found worth saying but not refusing. */
  warnings: string[];
  /** A program still running after this long is stopped (`--timeout`). */
  timeoutMs: number;
}

/**
 * What the plans of one run share: the policy packs, the program processes and slots, the cap on live programs and
 * the clock.
 */
export interface SharedRun {
  packs: PackPool;
  processes: ProgramProcesses;
  slots: ProgramSlots;
  live: LivePrograms;
  startedAt: number;
}

export const sharedRun = (root: string): SharedRun => {
  const startedAt = Date.now();
  const slots = new ProgramSlots();
  const live = new LivePrograms(LIVE_PER_SLOT * slots.size);
  const processes = new ProgramProcesses(root);
  return { packs: new PackPool(root, startedAt), processes, slots, live, startedAt };
};

/** The plan of one environment as the command line asks for it: `npm start -- --env <env>`. */
export async function runPlan(args: PlanArgs, root: string, progress: Progress): Promise<PlanResult> {
  const shared = sharedRun(root);
  try {
    return await planEnvironment(planRequest(args, args.env, root), shared, root, progress);
  } finally {
    await shared.packs.stopAll();
  }
}

/** Reads the projects and packs the arguments name, for one environment; bad input is a UsageError. */
export function planRequest(args: PlanArgs, env: string, root: string): PlanRequest {
  const all = loadProjects(args, root);
  checkEnvironment(all, env);
  const projects = projectsOf(all, env);
  if (!projects.length)
    throw new UsageError(
      `${all.map((p) => `${path.relative(process.cwd(), p.dir) || "."} has one stack per repository (${p.environments.map((e) => `Pulumi.${e}.yaml`).join(", ")})`).join("; ")}, ` +
        `not one per environment. Use --env ${[...new Set(all.flatMap((p) => p.environments))].join("|")}.`,
    );
  const warnings: string[] = [];
  const packs = packSpecs(args, env, root, warnings);
  return { env, projects, packs, warnings, timeoutMs: args.timeoutSeconds * 1000 };
}

/** Plans one environment with the run's shared packs and program slots. The caller stops the packs. */
export async function planEnvironment(
  request: PlanRequest,
  shared: SharedRun,
  root: string,
  progress: Progress,
): Promise<PlanResult> {
  const { env, projects } = request;
  const startedAt = Date.now();
  const packs = request.packs.map((spec) => shared.packs.get(spec));
  for (const warning of request.warnings) progress(`warning: ${warning}`);
  progress(
    `Planning ${env} offline: ${projects.map((p) => p.name).join(", ")}; policy packs: ${packs.map((p) => path.relative(root, p.dir) || p.dir).join(", ")}`,
  );

  const live = shared.live.forPlan();
  const registry = new StackRegistry((upstream) => live.want(upstream));
  const planned = projects.map((project) => plan(project, env));
  for (const stack of planned) registry.add(stack.identity);

  let lastProgramEnd = startedAt;
  const programEnded = () => (lastProgramEnd = Math.max(lastProgramEnd, Date.now()));
  const context = {
    root,
    packs,
    registry,
    progress,
    programEnded,
    slots: shared.slots,
    live,
    processes: shared.processes,
    timeoutMs: request.timeoutMs,
  };
  const results = await Promise.all(planned.map((stack) => runStack(stack, context)));
  await Promise.all(packs.map((p) => p.ready));
  const finishedAt = Date.now();

  const order = registry.order().map(fullyQualifiedName);
  results.sort((a, b) => order.indexOf(fullyQualifiedName(a.identity)) - order.indexOf(fullyQualifiedName(b.identity)));
  return {
    env,
    warnings: request.warnings,
    stacks: results,
    packs: packs.map((p) => p.result()),
    timings: {
      totalMs: finishedAt - startedAt,
      programsMs: lastProgramEnd - startedAt,
      packsReadyMs: Math.max(0, ...packs.map((p) => p.readyAfterMs - (startedAt - shared.startedAt))),
      analysisMs: packs.reduce((sum, p) => sum + p.analysisMs, 0),
      policyTailMs: Math.max(0, finishedAt - lastProgramEnd),
    },
  };
}

export function loadProjects(args: PlanArgs, root: string): PlannedProject[] {
  const dirs = args.projects.length ? args.projects : defaultProjectDirs(root);
  if (!dirs.length)
    throw new UsageError(`No Pulumi projects in ${path.join(root, "projects")}; name one with --project <dir>.`);
  const projects = dirs.map((dir) => {
    try {
      return loadProject(dir);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
  const seen = new Map<string, string>();
  for (const p of projects) {
    const other = seen.get(p.name);
    if (other)
      throw new UsageError(
        `${other} and ${p.dir} are both Pulumi project \`${p.name}\`; their stacks would have the same name. Plan them separately.`,
      );
    seen.set(p.name, p.dir);
  }
  return projects;
}

/**
 * A per-repository stack (delivery's `repository`: its project has stack files, none of them an environment's) is
 * planned on its own, under its own name; a plan of an environment leaves such projects out, so it is the same
 * with them as without.
 */
export function projectsOf(projects: PlannedProject[], env: string): PlannedProject[] {
  const own = projects.filter((p) => perRepository(p) && p.environments.includes(env));
  return own.length ? own : projects.filter((p) => !perRepository(p));
}

/** A project whose stack files are all per-repository stacks, not environments. */
export const perRepository = (p: PlannedProject): boolean =>
  p.environments.length > 0 && !p.environments.some(isEnvironment);

/** An environment is known when some project has a stack file for it (projects without any take any). */
function checkEnvironment(projects: PlannedProject[], env: string): void {
  const stacksOf = (list: PlannedProject[]) => [...new Set(list.flatMap((p) => p.environments))].sort();
  const known = stacksOf(projects);
  if (known.length && !known.includes(env)) {
    const perRepositoryStacks = stacksOf(projects.filter(perRepository));
    const environments = known.filter((stack) => !perRepositoryStacks.includes(stack));
    throw new UsageError(
      `Unknown environment \`${env}\`: no project has Pulumi.${env}.yaml. The environments that exist are: ${environments.join(", ")}` +
        `${perRepositoryStacks.length ? `; stacks set up once per repository: ${perRepositoryStacks.join(", ")}` : ""}. ` +
        `Use --env ${known.join("|")}.`,
    );
  }
}

/** The policy packs the arguments name (policies/fargate-guard by default), each with its config for `env`. */
export function packSpecs(args: PlanArgs, env: string, root: string, warnings: string[]): PackSpec[] {
  const given = args.policyPacks.length ? args.policyPacks : [path.join(root, "policies", "fargate-guard")];
  return given.map((p, i) => {
    const dir = path.resolve(p);
    if (!existsSync(dir)) throw new UsageError(`--policy-pack ${p}: no such directory.`);
    // The environment profiles' levels are this workspace's pack's; another pack is not held to them.
    const profileLevels = dir === path.join(root, "policies", "fargate-guard");
    const explicit = args.policyPackConfigs[i];
    if (explicit) {
      const file = path.resolve(explicit);
      if (!existsSync(file)) throw new UsageError(`--policy-pack-config ${explicit}: no such file.`);
      warnings.push(...judgePackConfigFile(file, env, { profileLevels }));
      return { dir, config: file };
    }
    // Without a flag, the pack's config for this environment, as the pipelines pass it.
    const byEnv = path.join(dir, "config", `${env}.json`);
    if (!existsSync(byEnv)) return { dir, config: null };
    warnings.push(...judgePackConfigFile(byEnv, env, { profileLevels }));
    return { dir, config: byEnv };
  });
}

function plan(project: PlannedProject, env: string): PlannedStack {
  try {
    const config = programConfig(project, env);
    return { project, identity: config.identity, config, configError: null };
  } catch (err) {
    const identity = {
      organization: DEFAULT_ORGANIZATION,
      project: project.name,
      stack: env,
      organizationConfigured: false,
    };
    return { project, identity, config: null, configError: (err as Error).message };
  }
}

interface StackContext {
  root: string;
  packs: PolicyPack[];
  registry: StackRegistry;
  progress: Progress;
  programEnded: () => void;
  slots: ProgramSlots;
  live: PlanPrograms;
  processes: ProgramProcesses;
  timeoutMs: number;
}

async function runStack(stack: PlannedStack, context: StackContext): Promise<StackResult> {
  const { packs, registry, progress, programEnded, slots, live, processes, timeoutMs } = context;
  const { root } = context;
  const started = Date.now();
  const label = `${stack.identity.project}/${stack.identity.stack}`;
  const result: StackResult = {
    identity: stack.identity,
    projectDir: stack.project.dir,
    stackFile: stack.project.environments.includes(stack.identity.stack)
      ? path.join(stack.project.dir, `Pulumi.${stack.identity.stack}.yaml`)
      : null,
    resources: [],
    violations: [],
    error: stack.configError,
    output: "",
    durationMs: 0,
  };
  if (!stack.config) {
    registry.finish(stack.identity, null);
    progress(`  ✗ ${label}: invalid config`);
    return result;
  }
  for (const warning of stack.config.warnings) progress(`  ! ${label}: warning: ${warning}`);
  const packagesNote = workspacePackagesNote(stack.project.dir, root);
  if (packagesNote) progress(`  ! ${label}: ${packagesNote}`);
  progress(`  … ${label}: running ${path.relative(root, stack.project.entry) || stack.project.entry}`);

  const config = stack.config;
  const providers = new DefaultProviders(
    stack.identity.project,
    stack.identity.stack,
    config.values,
    config.secretKeys,
  );
  const providerOf = new Map<string, CapturedResource | undefined>();
  const analyses: Promise<Violation[]>[] = [];
  const analyze = (resource: CapturedResource, provider: CapturedResource | undefined) => {
    for (const pack of packs) analyses.push(pack.analyze({ resource, provider }));
  };
  const onResource = (resource: CapturedResource) => {
    const defaulted = providers.forResource(resource);
    if (defaulted?.created) {
      result.resources.push(defaulted.provider);
      analyze(defaulted.provider, undefined);
    }
    // Analyzers get a provider for custom resources only; components (even remote ones) have none.
    const provider = resource.custom
      ? (defaulted?.provider ?? explicitProvider(result.resources, resource.provider))
      : undefined;
    providerOf.set(resource.urn, provider);
    result.resources.push(resource);
    // The engine analyzes what it registers; reads (StackReferences, `.get`) are not analyzed.
    if (resource.operation === "register") analyze(resource, provider);
  };

  const fixtureFile = fixtureFileOf(stack.project.dir, FIXTURE_FILE);
  // The process first: a job waiting for its project's process holds neither a live place nor a slot.
  const program = await processes.acquire(stack.project.dir);
  const ended = await live.enter(fullyQualifiedName(stack.identity));
  const slot = await slots.lease();
  const run = await program
    .run(
      {
        projectDir: stack.project.dir,
        entry: stack.project.entry,
        project: stack.identity.project,
        stack: stack.identity.stack,
        organization: stack.identity.organization,
        ...(config.accountId ? { accountId: config.accountId } : {}),
        ...(config.region ? { region: config.region } : {}),
        ...(fixtureFile ? { fixtureFile } : {}),
      },
      configEnvironment(config, stack.project.dir),
      { onResource, onStackReference: (name) => slot.outside(registry.resolve(stack.identity, name)) },
      timeoutMs,
    )
    .finally(() => {
      slot.release();
      ended();
    });
  programEnded();
  // Only resources on the default AWS provider take `aws:region` and `aws:allowedAccountIds` from the stack file;
  // one with an explicit provider has its own (a program spanning accounts, such as delivery's).
  const onDefaultAws = (r: CapturedResource) =>
    /^awsx?:/.test(r.type) && (!r.provider || r.provider.includes("::pulumi:providers:aws::default"));
  if (result.resources.some(onDefaultAws))
    for (const warning of config.awsWarnings) progress(`  ! ${label}: warning: ${warning}`);
  result.output = run.output;
  result.error = run.errors.length ? run.errors.join("\n") : null;
  const stackRoot = result.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  registry.finish(stack.identity, result.error ? null : (stackRoot?.outputs ?? {}));
  progress(
    result.error
      ? `  ✗ ${label}: program failed after ${seconds(Date.now() - started)}`
      : `  ✓ ${label}: ${plural(result.resources.length, "resource")} in ${seconds(Date.now() - started)}`,
  );

  const violations = (await Promise.all(analyses)).flat();
  // The engine runs AnalyzeStack only when the deployment got to its end without errors.
  if (!result.error) {
    // Nor does AnalyzeStack see reads: the engine stores a read's state in `deployment.reads` and a registration's
    // in `news` (pulumi/pulumi pkg/resource/deploy/step_executor.go), and `AnalyzeResources`
    // (step_generator.go) sends `news` alone, so no StackReference reaches a stack policy (pulumi/pulumi#3950).
    const whole: AnalyzedResource[] = result.resources
      .filter((resource) => resource.operation === "register")
      .map((resource) => ({ resource, provider: providerOf.get(resource.urn) }));
    for (const stackViolations of await Promise.all(packs.map((p) => p.analyzeStack(whole, label))))
      violations.push(...stackViolations);
  }
  result.violations = violations;
  result.durationMs = Date.now() - started;
  return result;
}

/** A provider reference is `<provider urn>::<provider id>`. */
function explicitProvider(resources: CapturedResource[], ref: string): CapturedResource | undefined {
  if (!ref) return undefined;
  const urn = ref.slice(0, ref.lastIndexOf("::"));
  return resources.find((r) => r.urn === urn);
}

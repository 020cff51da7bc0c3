// Everything one `npm start` asks for: one environment or all of them (`--env all`), each planned at
// the working tree and, with `--diff <ref>`, at the base too. All plans run at once and share the
// policy packs (one process per distinct configuration) and the program slots (up to the cores).
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { ALL_ENVIRONMENTS, UsageError, type PlanArgs } from "../args";
import { createBaseWorktree, repositoryOf, type BaseWorktree } from "../diff/base-worktree";
import { diffPlans, type StackDiff } from "../diff/plan-diff";
import { defaultProjectDirs, loadProject } from "../discovery";
import {
  loadProjects,
  planEnvironment,
  planRequest,
  perRepository,
  projectsOf,
  sharedRun,
  type PlanRequest,
  type Progress,
  type SharedRun,
} from "../plan";
import type { PlanResult } from "../types";
import type { PackSpec } from "./pack-pool";
import { analyzeStates } from "../state/analyze-state";

export interface EnvironmentRun {
  head: PlanResult;
  /** With --diff: the comparison with the base, or why the base could not be planned. */
  diff?: { stacks: StackDiff[]; baseError: string | null };
}

export interface CommandRun {
  environments: EnvironmentRun[];
  /** With --diff: the ref, its commit and the lockfile note. */
  base?: { ref: string; commit: string; lockfileNote: string | null };
  packsStarted: number;
  totalMs: number;
}

export async function runCommand(args: PlanArgs, root: string, progress: Progress): Promise<CommandRun> {
  if (args.stateFiles.length) return analyzeStates(args, root, progress);
  const envs = args.env === ALL_ENVIRONMENTS ? allEnvironments(args, root) : [args.env];
  const requests = envs.map((env) => planRequest(args, env, root));
  const worktree =
    args.diff !== undefined ? createBaseWorktree(repositoryOf(requests[0]!.projects[0]!.dir), args.diff) : null;
  const shared = sharedRun(root);
  try {
    if (worktree?.sameAsWorkingTree) {
      progress(
        `Base: ${worktree.ref} (${worktree.commit.slice(0, 12)}) is the working tree: no file differs, one plan serves both`,
      );
    } else if (worktree) {
      progress(`Base: ${worktree.ref} (${worktree.commit.slice(0, 12)}) in a temporary worktree ${worktree.dir}`);
      if (worktree.lockfileNote) progress(`Note: ${worktree.lockfileNote}`);
    }
    const environments = await Promise.all(
      requests.map((request) => planBoth(request, { args, worktree, shared, root, progress })),
    );
    return {
      environments,
      ...(worktree
        ? { base: { ref: worktree.ref, commit: worktree.commit, lockfileNote: worktree.lockfileNote } }
        : {}),
      packsStarted: shared.packs.started,
      totalMs: Date.now() - shared.startedAt,
    };
  } finally {
    await shared.packs.stopAll();
    worktree?.remove();
  }
}

interface RunContext {
  args: PlanArgs;
  worktree: BaseWorktree | null;
  shared: SharedRun;
  root: string;
  progress: Progress;
}

async function planBoth(
  request: PlanRequest,
  { args, worktree, shared, root, progress }: RunContext,
): Promise<EnvironmentRun> {
  const headPlan = planEnvironment(request, shared, root, progress);
  if (!worktree) return { head: await headPlan };
  if (worktree.sameAsWorkingTree) {
    const head = await headPlan;
    return { head, diff: { stacks: diffPlans(head, head), baseError: null } };
  }
  // A base that cannot even be read (no such project, invalid Pulumi.yaml) is reported, not thrown.
  const basePlan = Promise.resolve()
    .then(() => baseRequest(request, worktree, args, root))
    .then((base) => planEnvironment(base, shared, root, (line) => progress(`[base] ${line.trimStart()}`)));
  const [head, base] = await Promise.allSettled([headPlan, basePlan]);
  if (head.status === "rejected") throw head.reason;
  if (base.status === "rejected") {
    return { head: head.value, diff: { stacks: [], baseError: (base.reason as Error).message } };
  }
  return { head: head.value, diff: { stacks: diffPlans(base.value, head.value), baseError: null } };
}

/** The same environment at the base: the projects and packs that live in the repository, from the worktree. */
function baseRequest(head: PlanRequest, worktree: BaseWorktree, args: PlanArgs, root: string): PlanRequest {
  // By default the projects are whatever projects/ holds at the base; named ones are mapped one by one.
  const dirs = args.projects.length
    ? head.projects.map((p) => worktree.toBase(p.dir))
    : defaultProjectDirs(worktree.toBase(root));
  // A project that does not exist at the base is a stack the change adds.
  const loaded = dirs.filter((dir) => existsSync(path.join(dir, "Pulumi.yaml"))).map(loadProject);
  // A per-repository stack's base is that stack alone, or nothing when the change adds it.
  const projects = head.projects.every(perRepository)
    ? loaded.filter((p) => p.environments.includes(head.env))
    : projectsOf(loaded, head.env);
  const projectDirs = [...head.projects.map((p) => p.dir), ...projects.map((p) => p.dir)];
  return { ...head, projects, packs: head.packs.map((spec) => basePack(spec, worktree, projectDirs)) };
}

/**
 * The base plans with the base's own pack unless every changed file lies in a Pulumi project: a change
 * to the pack, its config or a library it may use needs the base's pack. Otherwise the head's pack
 * serves both sides, so one process does.
 */
function basePack(spec: PackSpec, worktree: BaseWorktree, projectDirs: string[]): PackSpec {
  const inBase = worktree.toBase(spec.dir);
  if (inBase === spec.dir) return spec;
  const inProject = (file: string) =>
    projectDirs.some((dir) => !path.relative(dir, path.join(worktree.repo, file)).startsWith(".."));
  const inBaseProject = (file: string) =>
    inProject(file) || projectDirs.some((dir) => !path.relative(dir, path.join(worktree.dir, file)).startsWith(".."));
  if (worktree.changedPaths.every(inBaseProject)) return spec;
  const config = spec.config ? worktree.toBase(spec.config) : null;
  return { dir: inBase, config: config && existsSync(config) ? config : spec.config };
}

/** `--env all`: every environment some project has a stack file for. */
function allEnvironments(args: PlanArgs, root: string): string[] {
  const projects = loadProjects(args, root);
  // Every environment: a per-repository stack (delivery's) is no environment's, and is planned with its own --env.
  const perEnvironment = projects.filter((p) => !perRepository(p));
  const envs = [...new Set((perEnvironment.length ? perEnvironment : projects).flatMap((p) => p.environments))].sort(
    byPromotionOrder,
  );
  if (!envs.length)
    throw new UsageError(
      "`--env all`: no project has a stack file (Pulumi.<env>.yaml). " +
        "Fix: add one, or plan one environment with --env <name>.",
    );
  return envs;
}

/** This workspace's environments in promotion order (dev, staging, prod), then any others by name. */
function byPromotionOrder(a: string, b: string): number {
  const rank = (env: string) => {
    const index = (ENVIRONMENTS as readonly string[]).indexOf(env);
    return index === -1 ? ENVIRONMENTS.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

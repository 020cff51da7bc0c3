// Runs the offline plan (`npm start`, tools/offline-plan) of the target environment with the candidate
// stack file, before anything is written. The plan reads stack files from project folders, so the
// projects are copied into a scratch folder whose node_modules links to the workspace's: the real
// target file is never touched, even if this process is killed mid-plan.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { SERVICE_UPSTREAMS } from "@platform/contracts/stacks";
import type { Candidate } from "./promote";

/** This repository: where the plan tool, the policy pack and node_modules live. */
export const repositoryRoot = resolve(__dirname, "..", "..", "..");

export interface PlanViolation {
  readonly stack: string;
  readonly policyPack: string;
  readonly policyName: string;
  readonly enforcementLevel: string;
  readonly message: string;
}

export interface PlanVerdict {
  readonly ok: boolean;
  /** Policy violations of every level; only mandatory ones fail the plan. */
  readonly violations: PlanViolation[];
  /** Program, config and policy pack errors, each naming its stack or pack. */
  readonly errors: string[];
}

interface PlanJson {
  ok: boolean;
  stacks: {
    project: string;
    stack: string;
    error: string | null;
    violations: Omit<PlanViolation, "stack">[];
  }[];
  policyPacks: { dir: string; name: string; error: string | null }[];
}

/** Plans `env` with the candidate stack file in place of the workspace's; the pack starts as the Pulumi CLI starts it. */
export async function planWithCandidate(workspace: string, env: string, candidate: Candidate): Promise<PlanVerdict> {
  const scratch = mkdtempSync(join(tmpdir(), "promote-plan-"));
  try {
    const projectDirs = copyProjects(workspace, scratch, [
      ...SERVICE_UPSTREAMS.map((name) => `projects/${name}`),
      candidate.project,
    ]);
    writeFileSync(join(scratch, candidate.stackFile), candidate.text);
    const modules = existsSync(join(workspace, "node_modules")) ? workspace : repositoryRoot;
    symlinkSync(join(modules, "node_modules"), join(scratch, "node_modules"), "dir");
    const pack = [workspace, repositoryRoot].map((root) => join(root, "policies", "fargate-guard")).find(existsSync)!;
    const args = [
      ...["--env", env, "--json", "--policy-pack", pack],
      ...projectDirs.flatMap((dir) => ["--project", dir]),
    ];
    return verdictOf(await runPlanTool(args));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every project folder with a Pulumi.yaml, without node_modules and tests (the plan needs neither). */
/** Copies the project folders (workspace-relative) into the scratch folder, without their tests and node_modules. */
function copyProjects(workspace: string, scratch: string, folders: readonly string[]): string[] {
  return folders.map((folder) => {
    const target = join(scratch, folder);
    cpSync(join(workspace, folder), target, {
      recursive: true,
      filter: (source) => !["node_modules", "test"].includes(basename(source)),
    });
    return target;
  });
}

function runPlanTool(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = join(repositoryRoot, "tools", "offline-plan", "bin", "plan.js");
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", fail);
    child.once("close", (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

function verdictOf(run: { code: number; stdout: string; stderr: string }): PlanVerdict {
  let plan: PlanJson;
  try {
    plan = JSON.parse(run.stdout) as PlanJson;
  } catch {
    // exit 2 (bad input) prints no JSON; the reason is on stderr
    return { ok: false, violations: [], errors: [`the offline plan exited with ${run.code}: ${run.stderr.trim()}`] };
  }
  const violations = plan.stacks.flatMap((s) => s.violations.map((v) => ({ stack: `${s.project}/${s.stack}`, ...v })));
  const errors = [
    ...plan.stacks.filter((s) => s.error).map((s) => `${s.project}/${s.stack}: ${s.error}`),
    ...plan.policyPacks.filter((p) => p.error).map((p) => `policy pack ${p.name || p.dir}: ${p.error}`),
  ];
  return { ok: plan.ok && run.code === 0, violations, errors };
}

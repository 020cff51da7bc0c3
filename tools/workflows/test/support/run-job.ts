import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job, Step, Workflow } from "./workflows";

export interface JobContext {
  /** The scratch clone: actions/checkout's result. */
  readonly cwd: string;
  /** nrwl/nx-set-shas's result. */
  readonly base: string;
  readonly head: string;
  /** Put first on PATH (the fake pulumi). */
  readonly binDir: string;
  readonly vars?: Record<string, string>;
  readonly needs?: Record<string, Record<string, string>>;
  readonly extraEnv?: Record<string, string>;
}

export interface JobRun {
  readonly outputs: Record<string, string>;
  readonly log: string;
  readonly summary: string;
  /** What the stood-in `uses:` steps were given, by action name (owner/repo). */
  readonly actions: { action: string; with: Record<string, string> }[];
}

/**
 * Runs one job's steps the way a GitHub runner does: every `run:` in `bash -eo pipefail` with the workflow,
 * job and step env, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP; `${{ }}` expressions in env and
 * `with:` resolved from the given vars/needs and earlier steps' outputs (secrets are empty, as for a fork).
 * `uses:` steps are stood in for (see standIns); `npm ci` is stood in for by the clone's node_modules link.
 */
export async function runJob(workflow: Workflow, jobId: string, context: JobContext): Promise<JobRun> {
  const job: Job | undefined = workflow.jobs[jobId];
  if (job === undefined) throw new Error(`${workflow.file} has no job ${jobId}`);
  const temp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  const summaryFile = join(temp, "summary.md");
  writeFileSync(summaryFile, "");
  const steps: Record<string, Record<string, string>> = {};
  const actions: JobRun["actions"] = [];
  let shas: Record<string, string> = {};
  let log = "";
  const evaluate = (text: string) => resolveExpressions(text, context, steps, temp);

  for (const [index, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${index}`;
    if (step.uses !== undefined) {
      const action = step.uses.split("@")[0]!;
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v))]));
      actions.push({ action, with: inputs });
      if (action === "nrwl/nx-set-shas") shas = { NX_BASE: context.base, NX_HEAD: context.head };
      else if (!standIns.has(action)) throw new Error(`no stand-in for ${step.uses} in ${workflow.file}`);
      continue;
    }
    if (step.run === undefined) throw new Error(`${label} has neither run nor uses`);
    if (isInstall(step)) continue;
    const outputFile = join(temp, `output-${index}`);
    writeFileSync(outputFile, "");
    const scriptFile = join(temp, `step-${index}.sh`);
    writeFileSync(scriptFile, withoutNestedTests(step.run));
    const env: NodeJS.ProcessEnv = {
      PATH: `${context.binDir}:${process.env.PATH ?? ""}`,
      HOME: process.env.HOME ?? temp,
      CI: "true",
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: temp,
      ...shas,
      ...evaluateAll({ ...workflow.env, ...job.env, ...step.env }, evaluate),
      ...context.extraEnv,
    };
    const result = await runBash(scriptFile, context.cwd, env);
    log += `\n### ${label}\n${result.output}`;
    if (result.status !== 0) {
      throw new Error(`step "${label}" of ${workflow.file}/${jobId} failed (${result.status}):${log}`);
    }
    if (step.id !== undefined) steps[step.id] = parseOutputs(readFileSync(outputFile, "utf8"));
  }
  const outputs = evaluateAll(job.outputs ?? {}, evaluate);
  return { outputs, log, summary: readFileSync(summaryFile, "utf8"), actions };
}

/** Asynchronously, so servers in the test process (the smoke test's health endpoint) keep answering. */
function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status: status ?? -1, output }));
  });
}

/** Actions that only prepare the runner: the scratch clone, Node and the fake pulumi already are what they give. */
const standIns = new Set([
  "actions/checkout",
  "actions/setup-node",
  "aws-actions/configure-aws-credentials",
  "pulumi/actions",
  "marocchino/sticky-pull-request-comment",
  "peter-evans/create-pull-request",
]);

/**
 * The gate's `nx affected -t lint typecheck test` would run the workspace's own test suites inside this test,
 * this file among them. It is stood in for by the same affected computation (`nx show projects --affected`,
 * with the same NX_BASE/NX_HEAD), which prints the projects whose `test` target would run.
 */
function withoutNestedTests(script: string): string {
  return script.replace(/npx nx affected -t lint typecheck test\b[^\n]*/g, "npx nx show projects --affected -t test");
}

function isInstall(step: Step): boolean {
  return step.name === "Install" && /^npm ci\b/.test(step.run!.trim());
}

function evaluateAll(values: Record<string, unknown>, evaluate: (text: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, evaluate(String(value))]));
}

function resolveExpressions(
  text: string,
  context: JobContext,
  steps: Record<string, Record<string, string>>,
  temp: string,
): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const [scope, ...path] = expression.split(".");
    if (scope === "vars") return context.vars?.[path[0]!] ?? "";
    if (scope === "secrets") return "";
    if (scope === "runner" && path[0] === "temp") return temp;
    if (scope === "steps" && path[1] === "outputs") return steps[path[0]!]?.[path[2]!] ?? "";
    if (scope === "needs" && path[1] === "outputs") return context.needs?.[path[0]!]?.[path[2]!] ?? "";
    throw new Error(`the test cannot evaluate \${{ ${expression} }}`);
  });
}

/** GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return outputs;
}

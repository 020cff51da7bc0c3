// Runs a whole workflow as a GitHub runner would, in a clone of a scratch repository: jobs in `needs` order,
// their `if:` and matrices and every `${{ }}` evaluated by GitHub's own evaluator, job outputs passed on, and
// each `run:` step started with the shell GitHub picks for it. Stood in for: the actions (standIns), the API
// (FakeGitHub), `pulumi` (fakePulumi on PATH) and `npm ci` (links to the workspace's packages; workspace packages
// resolve to the clone's own sources).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkWorkspaceNodeModules } from "@platform/testing/src/scratch-workspace";
import { asString, condition, evaluateStrings, evaluateValue, type Contexts } from "./expressions";
import type { FakeGitHub } from "./fake-github";
import type { ScratchRepo } from "./scratch-repo";
import { shellFor } from "./shell";
import { mappingOf, type Job, type Mapping, type Step, type Workflow } from "./workflows";

export interface RunSetup {
  readonly repo: ScratchRepo;
  readonly github: FakeGitHub;
  /** The commit the run is for (github.sha); main's head by default. */
  readonly sha?: string;
  readonly event: { readonly name: string; readonly payload?: Record<string, unknown> };
  readonly inputs?: Record<string, string>;
  readonly vars?: Record<string, string>;
  readonly secrets?: Record<string, string>;
  /** First on PATH: the fake pulumi. */
  readonly binDir: string;
  readonly extraEnv?: Record<string, string>;
  /** Called before each job starts: what happens elsewhere while a job waits (another run overtaking it). */
  readonly beforeJob?: (job: string) => Promise<void>;
}

export type Result = "success" | "failure" | "skipped";

export interface JobRun {
  readonly job: string;
  readonly matrix: Record<string, unknown>;
  readonly result: Result;
  readonly outputs: Record<string, string>;
  readonly log: string;
  readonly summary: string;
  readonly environment: string | undefined;
  readonly concurrency: string | undefined;
  /** Each step in order: what ran (or was skipped) and, for a `uses:` step, its inputs. */
  readonly steps: { id: string; name: string; outcome: Result; with?: Record<string, string> }[];
}

export interface WorkflowRun {
  readonly jobs: JobRun[];
  readonly result: Result;
  /** The run of one job (the only one of its matrix), or an error naming the jobs that exist. */
  job(id: string, matrix?: Record<string, unknown>): JobRun;
}

export async function runWorkflow(workflow: Workflow, setup: RunSetup): Promise<WorkflowRun> {
  const sha = setup.sha ?? setup.repo.head;
  const runs: JobRun[] = [];
  const done = new Map<string, { result: Result; outputs: Record<string, string>; failedAbove: boolean }>();
  for (const job of inNeedsOrder(workflow)) {
    await setup.beforeJob?.(job.id);
    const needs = Object.fromEntries(job.needs.map((id) => [id, done.get(id)!]));
    const failedAbove = Object.values(needs).some((n) => n.result === "failure" || n.failedAbove);
    const base = contextsOf(workflow, setup, sha, needs);
    const combos = matrixOf(job, base);
    const jobRuns: JobRun[] = [];
    for (const matrix of combos) {
      const contexts = { ...base, matrix, strategy: { "fail-fast": false } };
      if (!condition(job.if, contexts, { failed: failedAbove })) {
        jobRuns.push(skippedJob(job, matrix));
        continue;
      }
      jobRuns.push(await runJob(workflow, job, setup, sha, contexts));
    }
    runs.push(...jobRuns);
    const result: Result = jobRuns.some((r) => r.result === "failure")
      ? "failure"
      : jobRuns.every((r) => r.result === "skipped")
        ? "skipped"
        : "success";
    const outputs = Object.assign({}, ...jobRuns.map((r) => r.outputs)) as Record<string, string>;
    done.set(job.id, { result, outputs, failedAbove });
  }
  return {
    jobs: runs,
    result: runs.some((r) => r.result === "failure") ? "failure" : "success",
    job(id, matrix) {
      const found = runs.filter(
        (r) => r.job === id && Object.entries(matrix ?? {}).every(([k, v]) => r.matrix[k] === v),
      );
      if (found.length !== 1)
        throw new Error(`${found.length} runs of ${id}; jobs: ${runs.map((r) => r.job).join(", ")}`);
      return found[0]!;
    },
  };
}

function inNeedsOrder(workflow: Workflow): Job[] {
  const ordered: Job[] = [];
  const visit = (job: Job) => {
    if (ordered.includes(job)) return;
    for (const need of job.needs) visit(workflow.jobs.find((j) => j.id === need)!);
    ordered.push(job);
  };
  workflow.jobs.forEach(visit);
  return ordered;
}

function contextsOf(workflow: Workflow, setup: RunSetup, sha: string, needs: Record<string, unknown>): Contexts {
  return {
    github: {
      sha,
      ref: "refs/heads/main",
      repository: setup.github.repository,
      event_name: setup.event.name,
      event: setup.event.payload ?? {},
      api_url: setup.github.url,
      token: setup.github.runToken,
    },
    inputs: setup.inputs ?? {},
    vars: setup.vars ?? {},
    secrets: setup.secrets ?? {},
    needs,
    env: {},
    runner: { os: "Linux", temp: "" },
  };
}

/** strategy.matrix: every combination of its lists (the workflows use no include/exclude). */
function matrixOf(job: Job, contexts: Contexts): Record<string, unknown>[] {
  const strategy = mappingOf(job.declared.strategy);
  const matrix = evaluateValue(strategy.matrix ?? {}, contexts) as Record<string, unknown[]>;
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === "include" || key === "exclude") throw new Error(`${job.id}: matrix ${key} is not supported here`);
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })));
  }
  return combos;
}

function skippedJob(job: Job, matrix: Record<string, unknown>): JobRun {
  return {
    job: job.id,
    matrix,
    result: "skipped",
    outputs: {},
    log: "",
    summary: "",
    environment: undefined,
    concurrency: undefined,
    steps: [],
  };
}

interface JobState {
  readonly temp: string;
  readonly files: { output: string; env: string; summary: string };
  workspace: string | undefined;
  /** GITHUB_ENV and actions' exported variables, in effect for later steps. */
  readonly exported: Record<string, string>;
}

async function runJob(workflow: Workflow, job: Job, setup: RunSetup, sha: string, outer: Contexts): Promise<JobRun> {
  const temp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  const files = { output: join(temp, "output"), env: join(temp, "env"), summary: join(temp, "summary.md") };
  writeFileSync(files.summary, "");
  const state: JobState = { temp, files, workspace: undefined, exported: {} };
  const base: Contexts = { ...outer, runner: { os: "Linux", temp } };
  const jobEnv = evaluateStrings(
    { ...mappingOf(workflow.declared.env), ...mappingOf(job.declared.env) },
    { ...base, env: {} },
  );
  const environment =
    job.declared.environment === undefined
      ? undefined
      : asString(evaluateValue(mappingOf(job.declared.environment).name ?? job.declared.environment, base));
  const concurrencyValue = job.declared.concurrency;
  const concurrency =
    concurrencyValue === undefined
      ? undefined
      : asString(evaluateValue(mappingOf(concurrencyValue).group ?? concurrencyValue, base));
  const deployment = environment === undefined ? undefined : setup.github.startDeployment(environment, sha);

  const steps: Record<string, { outputs: Record<string, string>; outcome: Result; conclusion: Result }> = {};
  const stepRuns: JobRun["steps"] = [];
  let failed = false;
  let log = "";
  for (const step of job.steps) {
    const contexts = { ...base, env: { ...jobEnv, ...state.exported }, steps };
    if (!condition(step.if, contexts, { failed })) {
      steps[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      stepRuns.push({ id: step.id, name: step.name, outcome: "skipped" });
      continue;
    }
    const stepEnv = { ...jobEnv, ...state.exported, ...evaluateStrings(mappingOf(step.declared.env), contexts) };
    const stepContexts = { ...contexts, env: stepEnv };
    writeFileSync(files.output, "");
    writeFileSync(files.env, "");
    let outcome: Result = "success";
    let inputs: Record<string, string> | undefined;
    try {
      if (step.uses !== undefined) {
        inputs = evaluateStrings(mappingOf(step.declared.with), stepContexts);
        log += `\n### ${step.name}\n`;
        const action = step.uses.split("@")[0]!;
        const standIn = standIns[action];
        if (standIn === undefined) throw new Error(`no stand-in for ${step.uses} in ${workflow.file}`);
        await standIn({ inputs, setup, sha, state, stepEnv });
      } else {
        const result = await runStep(workflow, job, step, setup, state, stepEnv);
        log += `\n### ${step.name}\n${result.output}`;
        if (result.status !== 0) outcome = "failure";
      }
    } catch (error) {
      log += `\n### ${step.name}\n${String(error)}\n`;
      outcome = "failure";
    }
    const outputs = parseKeyValues(readFileSync(files.output, "utf8"));
    Object.assign(state.exported, parseKeyValues(readFileSync(files.env, "utf8")));
    if (outcome === "failure") failed = true;
    steps[step.id] = { outputs, outcome, conclusion: outcome };
    stepRuns.push({ id: step.id, name: step.name, outcome, ...(inputs ? { with: inputs } : {}) });
  }
  const outputs = failed
    ? {}
    : evaluateStrings(mappingOf(job.declared.outputs), { ...base, env: { ...jobEnv }, steps });
  if (deployment) setup.github.finishDeployment(deployment, failed ? "failure" : "success");
  return {
    job: job.id,
    matrix: (outer.matrix ?? {}) as Record<string, unknown>,
    result: failed ? "failure" : "success",
    outputs,
    log,
    summary: readFileSync(files.summary, "utf8"),
    environment,
    concurrency,
    steps: stepRuns,
  };
}

/**
 * The gate's `nx affected -t lint typecheck test` and its workflow tests (`npx jest ...`) would run the workspace's
 * own suites inside this test, this file among them. The first is stood in for by the same affected computation
 * (`nx show projects --affected`, with the same NX_BASE/NX_HEAD), which prints the projects whose `test` target
 * would run; each jest command prints itself.
 */
function withoutNestedTests(script: string): string {
  return script
    .replace(/npx nx affected -t lint typecheck test\b[^\n]*/g, "npx nx show projects --affected -t test")
    .replace(
      /^(\s*)(npx jest\b[^\n]*)$/gm,
      (_, indent: string, command: string) => `${indent}echo "would run: ${command}"`,
    );
}

/** Stood in for: `npm ci` (node_modules is laid out at checkout: installing needs the network). */
const isInstall = (step: Step) => typeof step.run === "string" && /^npm ci\b/.test(step.run.trim());

function runStep(
  workflow: Workflow,
  job: Job,
  step: Step,
  setup: RunSetup,
  state: JobState,
  stepEnv: Record<string, string>,
): Promise<{ status: number; output: string }> {
  if (typeof step.run !== "string") throw new Error(`${step.name}: run: is not a plain script`);
  if (isInstall(step)) return Promise.resolve({ status: 0, output: "(npm ci: the workspace's node_modules)\n" });
  // A job without a checkout runs in the runner's empty workspace, as GitHub's does.
  state.workspace ??= mkdtempSync(join(state.temp, "workspace-"));
  const script = join(state.temp, `${step.id}.sh`);
  writeFileSync(script, withoutNestedTests(step.run));
  const [program, ...args] = shellFor(workflow, job, step).replace("{0}", script).split(" ");
  const env: NodeJS.ProcessEnv = {
    PATH: `${setup.binDir}:${process.env.PATH ?? ""}`,
    HOME: process.env.HOME ?? state.temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: state.files.output,
    GITHUB_ENV: state.files.env,
    GITHUB_STEP_SUMMARY: state.files.summary,
    GITHUB_API_URL: setup.github.url,
    GITHUB_REPOSITORY: setup.github.repository,
    GITHUB_WORKSPACE: state.workspace,
    RUNNER_TEMP: state.temp,
    ...stepEnv,
    ...setup.extraEnv,
  };
  return new Promise((resolve, reject) => {
    // Asynchronously, so servers in the test process (the API, a health endpoint) keep answering.
    const child = spawn(program!, args, { cwd: state.workspace, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status: status ?? -1, output }));
  });
}

interface StandInCall {
  readonly inputs: Record<string, string>;
  readonly setup: RunSetup;
  readonly sha: string;
  readonly state: JobState;
  readonly stepEnv: Record<string, string>;
}

/** What each action leaves behind that later steps use; the rest only prepares a runner this machine already is. */
const standIns: Record<string, (call: StandInCall) => void | Promise<void>> = {
  "actions/checkout": ({ setup, sha, state, inputs }) => {
    const workspace = join(state.temp, "workspace");
    setup.repo.git("clone", "-q", "--no-checkout", setup.repo.dir, workspace);
    const git = (...args: string[]) => setup.repo.git("-C", workspace, ...args);
    git("checkout", "-q", "--detach", inputs.ref || sha);
    linkWorkspaceNodeModules(workspace);
    writeFileSync(join(workspace, ".git", "info", "exclude"), "node_modules\n");
    state.workspace = workspace;
  },
  "actions/setup-node": () => undefined,
  "pulumi/actions": () => undefined,
  "aws-actions/configure-aws-credentials": ({ inputs }) => {
    if (!inputs["role-to-assume"]) throw new Error("configure-aws-credentials: no role-to-assume");
  },
  // Pulumi's token exchange: a team token names its team in the scope, an organization token takes none
  // (pulumi/auth-actions action.yml). The token says which it is, so a test sees what pulumi was given.
  "pulumi/auth-actions": ({ inputs, state }) => {
    const type = /^urn:pulumi:token-type:access_token:(organization|team)$/.exec(inputs["requested-token-type"] ?? "");
    if (!inputs.organization || !type) throw new Error("pulumi/auth-actions: no organization or token type");
    if ((type[1] === "team") !== /^team:\S+$/.test(inputs.scope ?? "") || (type[1] !== "team" && inputs.scope))
      throw new Error(`pulumi/auth-actions: scope ${inputs.scope} does not fit a ${type[1]} token`);
    state.exported.PULUMI_ACCESS_TOKEN = `pul-oidc-${inputs.scope || type[1]}`;
  },
  // For a pull request: the base commit it was opened against (the event's), and the pull request's head.
  "nrwl/nx-set-shas": ({ setup, sha, state }) => {
    const base = (setup.event.payload?.pull_request as { base?: { sha?: string } } | undefined)?.base?.sha;
    if (base === undefined) throw new Error("nx-set-shas stand-in: no pull_request.base.sha in the event");
    Object.assign(state.exported, { NX_BASE: base, NX_HEAD: sha });
  },
  "marocchino/sticky-pull-request-comment": () => undefined,
  // Keeps the file where a later look finds it, and gives its address as upload-artifact's `artifact-url` output.
  "actions/upload-artifact": ({ inputs, setup, state }) => {
    if (!existsSync(inputs.path!)) throw new Error(`upload-artifact: no file ${inputs.path}`);
    const url = `https://github.example/${setup.github.repository}/actions/runs/1/artifacts/${inputs.name}`;
    writeFileSync(state.files.output, `artifact-id=1\nartifact-url=${url}\n`);
  },
  "actions/create-github-app-token": ({ inputs, setup, state }) => {
    if (!inputs["client-id"] || !inputs["private-key"]) throw new Error("create-github-app-token: no App credentials");
    const outputs = `token=${setup.github.mintAppToken()}\n`;
    writeFileSync(state.files.output, outputs);
  },
  // Commits add-paths on `branch` in the repository and opens a pull request with `token`; no change, no PR.
  "peter-evans/create-pull-request": ({ inputs, setup, state }) => {
    if (!inputs.token) throw new Error("create-pull-request without a token would use GITHUB_TOKEN");
    const workspace = state.workspace!;
    const git = (...args: string[]) => setup.repo.git("-C", workspace, ...args);
    if (git("status", "--porcelain", "--", inputs["add-paths"]!) === "") return;
    git("checkout", "-q", "-B", inputs.branch!);
    git("add", "--", inputs["add-paths"]!);
    git("commit", "-q", "-m", inputs["commit-message"]!);
    git("push", "-q", "--force", "origin", inputs.branch!);
    const body =
      inputs["body-path"] && existsSync(inputs["body-path"]) ? readFileSync(inputs["body-path"], "utf8") : "";
    const pull = setup.github.openPullRequest({
      head: inputs.branch!,
      title: inputs.title!,
      body,
      token: inputs.token,
    });
    writeFileSync(state.files.output, `pull-request-number=${pull.number}\n`);
  },
};

/** GITHUB_OUTPUT and GITHUB_ENV: `name=value` lines and `name<<DELIMITER` blocks. */
function parseKeyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([\w-]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      values[block[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      values[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return values;
}

export type { Mapping };

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { shellFor, bashWithPipefail } from "./support/shell";
import {
  Expression,
  loadWorkflow,
  mappingOf,
  repositoryRoot,
  workflowFiles,
  type Job,
  type Step,
  type Value,
  type Workflow,
} from "./support/workflows";

// Every workflow through GitHub's own parser: a schema error fails the load, so every test here.
let workflows: Workflow[];
beforeAll(async () => {
  workflows = await Promise.all(workflowFiles().map((file) => loadWorkflow(file)));
});
const allJobs = () => workflows.flatMap((workflow) => workflow.jobs.map((job) => ({ workflow, job })));
const allSteps = () => allJobs().flatMap(({ workflow, job }) => job.steps.map((step) => ({ workflow, job, step })));
const where = (workflow: Workflow, job: Job, step?: Step) => `${workflow.file}/${job.id}${step ? `/${step.name}` : ""}`;
const scriptsDir = join(repositoryRoot, ".github", "scripts");
const scripts = readdirSync(scriptsDir).map((file) => readFileSync(join(scriptsDir, file), "utf8"));
const usesAction = (step: Step, action: string) => step.uses?.split("@")[0] === action;
/** The expressions a value holds, as text ("secrets.X", "github.token", ...). */
const expressionsIn = (value: Value | undefined): string[] =>
  value instanceof Expression
    ? [value.expression]
    : Array.isArray(value)
      ? value.flatMap(expressionsIn)
      : typeof value === "object" && value !== null
        ? Object.values(value).flatMap(expressionsIn)
        : [];

/**
 * A step that leaves a credential within reach of the processes of later steps (an env: value reaches only its
 * own step): AWS keys and a Pulumi token exported to the job, an App token, a token checkout writes to .git.
 */
const credentialStep = (step: Step) =>
  ["aws-actions/configure-aws-credentials", "pulumi/auth-actions", "actions/create-github-app-token"].some((a) =>
    usesAction(step, a),
  ) ||
  (usesAction(step, "actions/checkout") &&
    !["false", false].includes(mappingOf(step.declared.with)["persist-credentials"] as string));

describe("the workflows", () => {
  it("are the four that deliver: gate, deploy, drift and promotion", () => {
    expect(workflowFiles()).toEqual(["deploy.yml", "drift.yml", "promote.yml", "pull-request.yml"]);
  });

  it("run every run: step with bash and pipefail (defaults.run.shell: bash), never the default bash -e", () => {
    for (const workflow of workflows)
      expect([workflow.file, workflow.declared.defaults]).toEqual([workflow.file, { run: { shell: "bash" } }]);
    const runSteps = allSteps().filter(({ step }) => step.run !== undefined);
    expect(runSteps.length).toBeGreaterThan(10);
    for (const { workflow, job, step } of runSteps) {
      expect([where(workflow, job, step), shellFor(workflow, job, step)]).toEqual([
        where(workflow, job, step),
        bashWithPipefail,
      ]);
    }
  });

  it("hold no long-lived AWS keys and no stored Pulumi token, in workflows or their scripts", () => {
    for (const text of [...workflows.map((w) => w.text), ...scripts]) {
      expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i);
      expect(text).not.toMatch(/secrets\.PULUMI_ACCESS_TOKEN/);
    }
  });

  it("keep secrets out of workflow- and job-level env, so only the steps that need one see it", () => {
    for (const workflow of workflows)
      expect(expressionsIn(workflow.declared.env).filter((e) => /secrets\./.test(e))).toEqual([]);
    for (const { workflow, job } of allJobs()) {
      expect([where(workflow, job), expressionsIn(job.declared.env).filter((e) => /secrets\./.test(e))]).toEqual([
        where(workflow, job),
        [],
      ]);
    }
  });

  it("install (npm ci, with its packages' install scripts) before any credential is configured", () => {
    // Each job that both installs and configures a credential, and whether it installs first.
    const order = allJobs().flatMap(({ workflow, job }) => {
      const install = job.steps.findIndex((s) => typeof s.run === "string" && /^npm ci\b/.test(s.run.trim()));
      const firstCredential = job.steps.findIndex(credentialStep);
      return install >= 0 && firstCredential >= 0 ? [[where(workflow, job), install < firstCredential]] : [];
    });
    expect(order.length).toBeGreaterThan(0);
    expect(order).toEqual(order.map(([job]) => [job, true]));
  });

  it("give the run's GitHub token only to steps that ask the API for deployments, never to pulumi or nx targets", () => {
    const withToken = allSteps().filter(({ step }) => expressionsIn(step.declared.env).includes("github.token"));
    expect(withToken.length).toBeGreaterThan(0);
    for (const { workflow, job, step } of withToken) {
      const run = typeof step.run === "string" ? step.run : "";
      expect([where(workflow, job, step), /(stacks-to-deploy|last-deployed)\.sh/.test(run)]).toEqual([
        where(workflow, job, step),
        true,
      ]);
      expect(run).not.toMatch(/bash \S*(deploy-stacks|drift-check)|nx (run|affected)|(^|[\s;|&])pulumi\s/m);
    }
  });

  it("assume AWS roles by OIDC: every job that configures AWS may request an id-token, and no other job", () => {
    for (const { workflow, job } of allJobs()) {
      const aws = job.steps.find((s) => usesAction(s, "aws-actions/configure-aws-credentials"));
      const pulumi = job.steps.find((s) => usesAction(s, "pulumi/auth-actions"));
      const idToken = mappingOf(job.declared.permissions)["id-token"] === "write";
      expect([where(workflow, job), idToken]).toEqual([
        where(workflow, job),
        aws !== undefined || pulumi !== undefined,
      ]);
    }
    // Each role the workflows assume comes from a repository variable.
    const roles = allSteps()
      .filter(({ step }) => usesAction(step, "aws-actions/configure-aws-credentials"))
      .map(({ workflow, job, step }) => [
        where(workflow, job, step),
        expressionsIn(mappingOf(step.declared.with)["role-to-assume"]),
      ]);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles).toEqual(roles.map(([step]) => [step, [expect.stringMatching(/^vars\.AWS_\w*ROLE_ARN$/)]]));
  });

  it("log Pulumi in by OIDC wherever the CLI is installed, unless a self-managed backend is configured", () => {
    for (const { workflow, job } of allJobs().filter(({ job }) =>
      job.steps.some((s) => usesAction(s, "pulumi/actions")),
    )) {
      const auth = job.steps.find((s) => usesAction(s, "pulumi/auth-actions"));
      const backend = job.steps.find((s) => typeof s.run === "string" && s.run.includes("PULUMI_BACKEND_URL="));
      expect([where(workflow, job), auth?.if, backend?.if]).toEqual([
        where(workflow, job),
        expect.stringContaining("vars.PULUMI_BACKEND_URL == ''"),
        expect.stringContaining("vars.PULUMI_BACKEND_URL != ''"),
      ]);
      expect(mappingOf(auth!.declared.with)["requested-token-type"]).toBe("urn:pulumi:token-type:access_token:team");
    }
  });

  it("run Node.js as named in .nvmrc, and the Pulumi CLI at the SDK's release in package-lock.json", () => {
    // Literal versions rather than node-version-file: drift checks out older commits, which may lack the file.
    const nvmrc = readFileSync(join(repositoryRoot, ".nvmrc"), "utf8").trim();
    const lock = JSON.parse(readFileSync(join(repositoryRoot, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    const sdk = lock.packages["node_modules/@pulumi/pulumi"]?.version;
    const setups = allSteps().filter(({ step }) => usesAction(step, "actions/setup-node"));
    const clis = allSteps().filter(({ step }) => usesAction(step, "pulumi/actions"));
    expect(setups.length).toBeGreaterThan(0);
    expect(clis.length).toBeGreaterThan(0);
    for (const { workflow, job, step } of setups)
      expect([where(workflow, job, step), mappingOf(step.declared.with)["node-version"]]).toEqual([
        where(workflow, job, step),
        nvmrc,
      ]);
    for (const { workflow, job, step } of clis)
      expect([where(workflow, job, step), mappingOf(step.declared.with)["pulumi-version"]]).toEqual([
        where(workflow, job, step),
        sdk,
      ]);
  });

  it("pin every uses: to a full commit SHA with the version in a comment", () => {
    for (const workflow of workflows) {
      const uses = workflow.text.split("\n").filter((line) => /^\s*-?\s*uses:/.test(line));
      expect(uses.length).toBeGreaterThan(0);
      for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it("grant nothing at the top level, name each job's permissions, and never let GITHUB_TOKEN write code", () => {
    for (const workflow of workflows) expect(workflow.declared.permissions).toEqual({});
    for (const { workflow, job } of allJobs()) {
      const permissions = mappingOf(job.declared.permissions);
      expect([where(workflow, job), typeof job.declared.permissions]).toEqual([where(workflow, job), "object"]);
      expect([where(workflow, job), permissions.contents ?? "none"]).not.toEqual([where(workflow, job), "write"]);
    }
  });

  it("keep ${{ }} expressions out of run: scripts, so no input can inject shell (they go through env:)", () => {
    for (const { step } of allSteps()) expect(typeof step.run === "string" ? step.run : "").not.toContain("${{");
    for (const { step } of allSteps()) expect(step.run instanceof Expression).toBe(false);
  });

  it("open every pull request with a GitHub App token from the same job, so the gate runs on it", () => {
    const openers = allSteps().filter(({ step }) => usesAction(step, "peter-evans/create-pull-request"));
    expect(openers.length).toBeGreaterThan(0);
    for (const { job, step } of openers) {
      const [token] = expressionsIn(mappingOf(step.declared.with).token);
      const app = job.steps.find((s) => usesAction(s, "actions/create-github-app-token"));
      expect(token).toBe(`steps.${app?.id}.outputs.token`);
      expect(job.steps.indexOf(app!)).toBeLessThan(job.steps.indexOf(step));
    }
  });
});

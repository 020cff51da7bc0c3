import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asString, evaluateValue } from "./support/expressions";
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
/**
 * Whether a script installs packages with their install scripts enabled: npm, yarn or pnpm installing, or npx/npm
 * exec allowed to fetch a package (on a runner without a terminal, npx without --yes fetches nothing), on a line
 * without --ignore-scripts.
 */
const installsWithScripts = (script: string) =>
  script.split("\n").some((line) => {
    if (/^\s*#/.test(line) || /--ignore-scripts\b/.test(line)) return false;
    const command = "(^|[\\s;&|(])";
    return (
      new RegExp(
        `${command}(npm (ci|install|i|add|it|install-ci-test)|yarn( install| add)?|pnpm (install|i|add))(\\s|$)`,
      ).test(line) ||
      new RegExp(`${command}(npx|npm exec)(\\s+--?[\\w-]+(=\\S+)?)*\\s+(-y|--yes|-p|--package)(\\s|=|$)`).test(line)
    );
  });
/** A run: script, with the text of each .github/scripts/ script it runs. */
const withScripts = (script: string) =>
  [
    script,
    ...[...script.matchAll(/\.github\/scripts\/([\w-]+\.sh)/g)].map((m) =>
      readFileSync(join(scriptsDir, m[1]!), "utf8"),
    ),
  ].join("\n");
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

describe("installsWithScripts", () => {
  it.each([
    ["npm ci --no-audit --no-fund", true],
    ["npm ci --ignore-scripts --no-audit", false],
    ["cd x && npm install", true],
    ["yarn", true],
    ["pnpm i --frozen-lockfile", true],
    ["npx --yes cowsay", true],
    ["npx nx run-many -t up -p service", false],
    ["npm exec --package=cowsay cowsay", true],
    ["npm run --silent promote -- --to dev", false],
    ["# npm ci is stood in for", false],
  ])("reads `%s` as installing with scripts: %s", (line, expected) => {
    expect(installsWithScripts(line)).toBe(expected);
  });
});

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

  it("give every job a timeout, so a hung step frees its environment within two hours, not GitHub's six", () => {
    for (const { workflow, job } of allJobs()) {
      const timeout = job.declared["timeout-minutes"];
      expect([where(workflow, job), typeof timeout]).toEqual([where(workflow, job), "number"]);
      expect([where(workflow, job), (timeout as number) >= 1 && (timeout as number) <= 120]).toEqual([
        where(workflow, job),
        true,
      ]);
    }
  });

  it("run no package's install script in a job that can mint tokens (id-token: write)", () => {
    const minting = allJobs().filter(({ job }) => mappingOf(job.declared.permissions)["id-token"] === "write");
    expect(minting.length).toBeGreaterThan(0);
    for (const { workflow, job } of minting) {
      const installs = job.steps.flatMap((step) => (typeof step.run === "string" ? [withScripts(step.run)] : []));
      expect([where(workflow, job), installs.filter(installsWithScripts)]).toEqual([where(workflow, job), []]);
    }
    // They do install, with scripts off: the check above is not vacuous.
    expect(
      minting.every(({ job }) =>
        job.steps.some((s) => typeof s.run === "string" && /^npm ci --ignore-scripts/.test(s.run)),
      ),
    ).toBe(true);
  });

  it("install (npm ci) before any credential is configured", () => {
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
      // One setting decides the token type (and so which Pulumi OIDC policy grants it) in every job.
      expect(expressionsIn(mappingOf(auth!.declared.with)["requested-token-type"])).toEqual([
        "format('urn:pulumi:token-type:access_token:{0}', vars.PULUMI_TOKEN_TYPE || 'organization')",
      ]);
      expect(expressionsIn(mappingOf(auth!.declared.with).scope)).toEqual([
        "vars.PULUMI_TOKEN_TYPE == 'team' && format('team:{0}', vars.PULUMI_TEAM) || ''",
      ]);
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

/** docs/delivery-setup.md's table of environments: each row's names, deployment branches, variables and secrets. */
function setupTable(): { names: string[]; branches: string; variables: string[]; secrets: string[] }[] {
  const setup = readFileSync(join(repositoryRoot, "docs", "delivery-setup.md"), "utf8");
  const table = setup.slice(setup.indexOf("| environment | deployment branches"));
  const rows = table.split("\n").slice(2);
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return rows
    .slice(
      0,
      rows.findIndex((row) => !row.trim().startsWith("|")),
    )
    .map((row) => row.trim().split("|").slice(1, -1))
    .map(([environment, branches, , variables, secrets]) => ({
      names: environment!.includes("(repository)") ? ["(repository)"] : names(environment!),
      branches: names(branches!).join(","),
      variables: names(variables!),
      secrets: names(secrets!),
    }));
}

describe("secrets and environments (docs/delivery-setup.md's table)", () => {
  const table = setupTable();
  const rowOf = (name: string) => table.find((row) => row.names.includes(name));
  /** Each job with each environment it runs in (a matrix expanded), and the vars and secrets it reads. */
  const jobEnvironments = () =>
    allJobs().flatMap(({ workflow, job }) => {
      const text = JSON.stringify(job.declared) + JSON.stringify(workflow.declared.env ?? {});
      const read = (kind: string) => [
        ...new Set([...text.matchAll(new RegExp(`\\b${kind}\\.([A-Z_]+)`, "g"))].map((m) => m[1]!)),
      ];
      const declared = job.declared.environment;
      const matrix = mappingOf(mappingOf(mappingOf(job.declared.strategy).matrix)).env;
      // An environment named by an expression: one per deploy environment, from a matrix or the job before's output.
      const named = (env: string) =>
        asString(evaluateValue(declared!, { matrix: { env }, needs: { promote: { outputs: { to: env } } } }));
      const names =
        declared === undefined
          ? [undefined]
          : declared instanceof Expression
            ? ((matrix as string[] | undefined) ?? ["dev", "staging", "prod"]).map(named)
            : [asString(declared)];
      return names.map((environment) => ({
        where: where(workflow, job),
        environment,
        vars: read("vars"),
        secrets: read("secrets"),
      }));
    });
  it("lists rows for every environment and the repository, and every environment allows main only", () => {
    expect(table.length).toBeGreaterThanOrEqual(5);
    for (const row of table.filter((r) => !r.names.includes("(repository)")))
      expect([row.names, row.branches]).toEqual([row.names, "main"]);
  });

  it("gives every secret a job reads to that job's environment, one that allows main only; none to the repository", () => {
    const reading = jobEnvironments().filter((job) => job.secrets.length > 0);
    expect(reading.flatMap((job) => job.secrets).sort()).toEqual([
      "PROMOTION_APP_PRIVATE_KEY",
      "REGISTRY_PASSWORD",
      "REGISTRY_USERNAME",
    ]);
    for (const job of reading) {
      const row = job.environment === undefined ? undefined : rowOf(job.environment);
      expect([job.where, job.environment, row?.branches]).toEqual([job.where, expect.any(String), "main"]);
      for (const secret of job.secrets)
        expect([job.where, secret, row!.secrets.includes(secret)]).toEqual([job.where, secret, true]);
    }
    expect(rowOf("(repository)")!.secrets).toEqual([]);
  });

  it("runs every job that names an environment in one of the table's, drift's among them, all limited to main", () => {
    const named = jobEnvironments().filter((job) => job.environment !== undefined);
    expect(named.map((job) => job.environment)).toEqual(
      expect.arrayContaining(["prod-drift", "promotion", "prod-approval"]),
    );
    for (const job of named)
      expect([job.where, job.environment, rowOf(job.environment!)?.branches]).toEqual([
        job.where,
        job.environment,
        "main",
      ]);
  });

  it("finds each variable a job reads in its environment's row or the repository's", () => {
    for (const job of jobEnvironments()) {
      const available = [
        ...(rowOf("(repository)")?.variables ?? []),
        ...(job.environment ? (rowOf(job.environment)?.variables ?? []) : []),
      ];
      for (const name of job.vars)
        expect([job.where, job.environment, name, available.includes(name)]).toEqual([
          job.where,
          job.environment,
          name,
          true,
        ]);
    }
  });
});

// What the scenario tests share: a scratch repository whose environments already run their first commit (as
// GitHub's deployment records say), the fake API and pulumi, and a deploy run of main's tip.
import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { FakeGitHub } from "./fake-github";
import { fakePreflight } from "./fake-preflight";
import { fakePulumi, type PulumiCall } from "./fake-pulumi";
import { installRecordedAnswers } from "./recorded-answers";
import { runWorkflow, type WorkflowRun } from "./run-workflow";
import { ScratchRepo } from "./scratch-repo";
import { loadWorkflow } from "./workflows";

export const environments = ["dev", "staging", "prod"] as const;

/** The repository variables a team sets (README, "Setting up delivery"). */
export const vars = {
  PULUMI_ORG: "acme",
  PULUMI_TOKEN_TYPE: "team",
  PULUMI_TEAM: "deployers",
  AWS_ROLE_ARN: "arn:aws:iam::111111111111:role/deploy",
  AWS_DRIFT_ROLE_ARN: "arn:aws:iam::111111111111:role/drift",
  AWS_REGION: "eu-central-1",
  PROMOTION_APP_CLIENT_ID: "Iv1.promotion",
};
export const secrets = { PROMOTION_APP_PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----" };

export interface Delivery {
  readonly repo: ScratchRepo;
  readonly github: FakeGitHub;
  readonly pulumi: ReturnType<typeof fakePulumi>;
  /** `npm run preflight` (drift's registry token check), which would ask AWS. */
  readonly preflight: ReturnType<typeof fakePreflight>;
  /** Runs deploy.yml for main's tip (or `sha`); returns the run and the stacks it called `pulumi up` for. */
  deploy(sha?: string, setup?: Partial<Parameters<typeof runWorkflow>[1]>): Promise<{ run: WorkflowRun; up: string[] }>;
  run(file: string, setup: Partial<Parameters<typeof runWorkflow>[1]>): Promise<WorkflowRun>;
  stop(): Promise<void>;
}

/**
 * `deployed`: the environments whose last successful deployment is the first commit, as if deploy.yml had
 * run for it. `prepare` edits the first commit's files.
 */
export async function startDelivery(options: { deployed?: readonly string[]; prepare?: (dir: string) => void } = {}) {
  const repo = new ScratchRepo(options.prepare);
  const github = new FakeGitHub();
  await github.start();
  const health = await healthEndpoint();
  const pulumi = fakePulumi();
  installRecordedAnswers(pulumi.dir);
  const preflight = fakePreflight(pulumi.dir);
  // Two days ago: past every environment's soak time, so a promotion from it is not refused for being too early.
  const longAgo = new Date(Date.now() - 48 * 3_600_000);
  for (const env of options.deployed ?? environments) {
    github.finishDeployment(github.startDeployment(env, repo.head), "success", longAgo);
  }
  const run: Delivery["run"] = async (file, setup) =>
    runWorkflow(await loadWorkflow(file), {
      repo,
      github,
      vars,
      secrets,
      binDir: pulumi.dir,
      event: { name: "push" },
      extraEnv: {
        FAKE_PULUMI_OUTPUT_albDnsName: health.address,
        SMOKE_INTERVAL: "0",
      },
      ...setup,
    });
  const delivery: Delivery = {
    repo,
    github,
    pulumi,
    preflight,
    run,
    async deploy(sha, setup = {}) {
      const before = pulumi.calls().length;
      const result = await run("deploy.yml", sha === undefined ? setup : { ...setup, sha });
      return { run: result, up: stacksUp(pulumi.calls().slice(before)) };
    },
    async stop() {
      repo.remove();
      await github.stop();
      await new Promise<void>((resolve) => health.server.close(() => resolve()));
    },
  };
  return delivery;
}

/** The stacks every service reads, so they deploy before any service. */
export const upstreamProjects = ["networking", "registry-access"];

/** The Pulumi projects on the repository's main (a folder under projects/ with a Pulumi.yaml), sorted. */
export function pulumiProjects(repo: ScratchRepo): string[] {
  const projects = join(repo.dir, "projects");
  // A project with one stack per repository (delivery) is deployed by hand, never by a workflow.
  return readdirSync(projects)
    .filter(
      (name) =>
        existsSync(join(projects, name, "Pulumi.yaml")) && !existsSync(join(projects, name, "Pulumi.repository.yaml")),
    )
    .sort();
}

/** The service projects on the repository's main: every Pulumi project but the upstream ones. */
export const serviceProjects = (repo: ScratchRepo) =>
  pulumiProjects(repo).filter((name) => !upstreamProjects.includes(name));

/** "<project>/<env>" of each `pulumi up`, in call order. */
export const stacksUp = (calls: PulumiCall[]) => calls.filter((c) => c.argv[0] === "up").map((c) => c.stack);

/** The service's health endpoint behind the load balancer, for the dev smoke test. */
async function healthEndpoint(): Promise<{ server: Server; address: string }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === "/actuator/health" ? 200 : 404).end('{"status":"UP"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

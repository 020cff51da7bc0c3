// What each workflow decides, read through GitHub's parser and decided by GitHub's evaluator: which jobs run
// after which outcomes, which concurrency group a job joins, what promote.yml is asked to do.
import { condition, evaluateStrings, evaluateValue } from "./support/expressions";
import { Expression, jobOf, loadWorkflow, mappingOf, type Job, type Workflow } from "./support/workflows";

let deploy: Workflow;
let drift: Workflow;
let promote: Workflow;
let pullRequest: Workflow;
beforeAll(async () => {
  [deploy, drift, promote, pullRequest] = await Promise.all([
    loadWorkflow("deploy.yml"),
    loadWorkflow("drift.yml"),
    loadWorkflow("promote.yml"),
    loadWorkflow("pull-request.yml"),
  ]);
});
const environments = ["dev", "staging", "prod"] as const;
const runText = (job: Job) => job.steps.map((s) => (typeof s.run === "string" ? s.run : "")).join("\n");

describe("deploy.yml", () => {
  type Outcome = "success" | "failure" | "skipped";
  /** Whether `env`'s job runs, given the `changes` outputs and the outcome of the job before it. */
  const runs = (env: (typeof environments)[number], changed: Record<string, string>, before: Outcome) => {
    const job = jobOf(deploy, env);
    const previous = job.needs.find((need) => need !== "changes");
    const needs = {
      changes: { result: "success", outputs: changed },
      ...(previous ? { [previous]: { result: before, outputs: {} } } : {}),
    };
    return condition(job.if, { needs }, { failed: before === "failure" });
  };

  it("deploys dev, then staging, then prod, each after the one before", () => {
    expect(deploy.jobs.map((job) => [job.id, job.needs])).toEqual([
      ["changes", []],
      ["dev", ["changes"]],
      ["staging", ["changes", "dev"]],
      ["prod", ["changes", "staging"]],
    ]);
  });

  it("skips an environment with nothing to deploy, so its reviewers are not asked", () => {
    for (const env of environments) expect([env, runs(env, {}, "success")]).toEqual([env, false]);
  });

  it("deploys a later environment when the one before had nothing to deploy (a change to Pulumi.prod.yaml)", () => {
    expect(runs("staging", { staging: "service" }, "skipped")).toBe(true);
    expect(runs("prod", { prod: "service" }, "skipped")).toBe(true);
  });

  it("stops at a failed environment: nothing after it deploys", () => {
    expect(runs("staging", { staging: "service" }, "failure")).toBe(false);
    expect(runs("prod", { prod: "service" }, "failure")).toBe(false);
  });

  it("deploys what is committed: no promotion, no image resolution, no nx-set-shas guess of the range", () => {
    for (const job of deploy.jobs) {
      expect(runText(job)).not.toMatch(/promote|--image/);
      expect(job.steps.some((s) => s.uses?.startsWith("nrwl/nx-set-shas@"))).toBe(false);
    }
    for (const env of environments) expect(runText(jobOf(deploy, env))).toContain(`deploy-stacks.sh ${env}`);
  });

  it("puts each environment's job in the GitHub environment of its name (required reviewers live there)", () => {
    for (const env of environments) expect(jobOf(deploy, env).declared.environment).toBe(env);
  });

  it("runs one deploy per environment at a time, in the group drift.yml joins; none cancels a waiting one", () => {
    const driftJob = jobOf(drift, "drift");
    for (const env of environments) {
      const queued = { group: `deploy-${env}`, "cancel-in-progress": false, queue: "max" };
      expect(jobOf(deploy, env).declared.concurrency).toEqual(queued);
      expect(mappingOf(driftJob.declared.concurrency).queue).toBe("max");
      const driftGroup = evaluateValue(mappingOf(driftJob.declared.concurrency).group!, { matrix: { env } });
      expect(driftGroup).toBe(`deploy-${env}`);
    }
  });
});

describe("drift.yml", () => {
  it("checks every environment in its own job, none waiting on another's result", () => {
    const job = jobOf(drift, "drift");
    expect(drift.jobs.map((j) => j.id)).toEqual(["drift", "policy"]);
    expect(job.needs).toEqual([]);
    expect(evaluateValue(mappingOf(job.declared.strategy), {})).toEqual({
      "fail-fast": false,
      matrix: { env: [...environments] },
    });
  });

  it("runs on a schedule and by hand, with a read-only role in its own environment", () => {
    expect(Object.keys(mappingOf(drift.declared.on)).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const job = jobOf(drift, "drift");
    expect(evaluateValue(job.declared.environment!, { matrix: { env: "prod" } })).toBe("prod-drift");
    expect(runText(job)).toContain("last-deployed.sh");
  });
});

describe("promote.yml", () => {
  const context = (event: string, payload: Record<string, unknown>, inputs: Record<string, string>) => ({
    github: { event_name: event, event: payload },
    inputs,
  });
  const envOf = (event: string, payload: Record<string, unknown>, inputs: Record<string, string>) =>
    evaluateStrings(mappingOf(jobOf(promote, "promote").declared.env), context(event, payload, inputs));

  it("takes the service as an input of each event, beside the environments and the image", () => {
    const on = mappingOf(promote.declared.on);
    const inputs = mappingOf(mappingOf(on.workflow_dispatch).inputs);
    expect(Object.keys(inputs)).toEqual(["service", "to", "from", "image"]);
    expect(mappingOf(inputs.service)).toMatchObject({ type: "string", required: false });
    expect(promote.text).toContain('"client_payload": {"service": "<name>", "image": ');
  });

  it("pins the application repository's new image in dev (repository_dispatch), for the service it names", () => {
    const payload = { client_payload: { service: "shop", image: "ghcr.io/acme/shop:1.4" } };
    expect(envOf("repository_dispatch", payload, {})).toEqual({
      SERVICE: "shop",
      TO: "dev",
      FROM: "",
      IMAGE: "ghcr.io/acme/shop:1.4",
    });
    expect(envOf("repository_dispatch", { client_payload: { image: "ghcr.io/acme/api:1.4" } }, {}).SERVICE).toBe("");
  });

  it("promotes the stage before by hand (workflow_dispatch), or pins an image given by hand", () => {
    expect(envOf("workflow_dispatch", {}, { service: "shop", to: "staging", from: "dev", image: "" })).toEqual({
      SERVICE: "shop",
      TO: "staging",
      FROM: "dev",
      IMAGE: "",
    });
    expect(envOf("workflow_dispatch", {}, { to: "dev", from: "dev", image: "ghcr.io/acme/api:2" }).IMAGE).toBe(
      "ghcr.io/acme/api:2",
    );
  });

  it("runs one promotion per service and environment at a time", () => {
    const group = mappingOf(promote.declared.concurrency).group!;
    const of = (service: string, to: string) =>
      evaluateValue(group, context("workflow_dispatch", {}, { service, to, from: "dev", image: "" }));
    expect(of("shop", "staging")).toBe("promote-shop-staging");
    expect(new Set([of("shop", "staging"), of("service", "staging"), of("shop", "prod")]).size).toBe(3);
    const dispatch = context("repository_dispatch", { client_payload: { service: "shop", image: "x:1" } }, {});
    expect(evaluateValue(group, dispatch)).toBe("promote-shop-dev");
  });

  it("commits only the stack file promote wrote, on a branch of that service and environment", () => {
    const job = jobOf(promote, "promote");
    const promoteId = job.steps.find((s) => s.name === "Promote")!.id;
    const open = job.steps.find((s) => s.name === "Open the pull request")!;
    const outputs = { service: "shop", "stack-file": "projects/shop/Pulumi.prod.yaml", origin: "staging", image: "i" };
    const withOf = evaluateStrings(mappingOf(open.declared.with), {
      steps: { [promoteId]: { outputs }, "app-token": { outputs: { token: "t" } } },
      env: { TO: "prod" },
      runner: { temp: "/tmp" },
    });
    expect(withOf).toMatchObject({
      branch: "promote/shop/prod",
      "add-paths": "projects/shop/Pulumi.prod.yaml",
      title: "Promote shop: staging → prod",
    });
  });

  it("opens a pull request only when the promotion changed the stack file", () => {
    const job = jobOf(promote, "promote");
    const promoteId = job.steps.find((s) => s.name === "Promote")!.id;
    for (const step of job.steps.slice(-2)) {
      const steps = (changed: string) => ({ steps: { [promoteId]: { outputs: { changed } } } });
      expect(condition(step.if, steps("true"), { failed: false })).toBe(true);
      expect(condition(step.if, steps("false"), { failed: false })).toBe(false);
      expect(condition(step.if, steps("true"), { failed: true })).toBe(false);
    }
  });
});

describe("pull-request.yml", () => {
  it("runs the gate job with no secret at all, so pull requests from forks get it", () => {
    const gate = jobOf(pullRequest, "gate");
    expect(JSON.stringify(gate.declared)).not.toMatch(/secrets\./);
    expect(gate.declared.permissions).toEqual({ contents: "read", actions: "read" });
    expect(runText(gate)).toContain("npx nx affected -t lint typecheck test");
  });

  it("previews only same-repository pull requests, in the preview environment with the read-only role", () => {
    const preview = jobOf(pullRequest, "preview");
    const fork = {
      github: {
        event: { pull_request: { head: { repo: { full_name: "someone/fork" } } } },
        repository: "acme/platform",
      },
    };
    const same = {
      github: {
        event: { pull_request: { head: { repo: { full_name: "acme/platform" } } } },
        repository: "acme/platform",
      },
    };
    expect(condition(preview.if, { ...fork, needs: { gate: { result: "success" } } }, { failed: false })).toBe(false);
    expect(condition(preview.if, { ...same, needs: { gate: { result: "success" } } }, { failed: false })).toBe(true);
    expect(preview.declared.environment).toBe("preview");
    const aws = preview.steps.find((s) => s.uses?.startsWith("aws-actions/"))!;
    expect(mappingOf(aws.declared.with)["role-to-assume"]).toEqual(new Expression("vars.AWS_PREVIEW_ROLE_ARN"));
  });
});

// What each workflow decides, read through GitHub's parser and decided by GitHub's evaluator: which jobs run
// after which outcomes, which concurrency group a job joins, what promote.yml is asked to do.
import { condition, evaluateStrings, evaluateValue } from "./support/expressions";
import { jobOf, loadWorkflow, mappingOf, type Job, type Workflow } from "./support/workflows";

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
  /**
   * Whether a job runs, given the `changes` outputs and the outcome of the job it waits for; `failedAbove`: a job
   * it needs, transitively, failed (GitHub's failure()).
   */
  const jobRuns = (id: string, changed: Record<string, string>, before: Outcome, failedAbove: boolean) => {
    const job = jobOf(deploy, id);
    const previous = job.needs.find((need) => need !== "changes");
    const needs = {
      changes: { result: "success", outputs: changed },
      ...(previous ? { [previous]: { result: before, outputs: {} } } : {}),
    };
    return condition(job.if, { needs }, { failed: failedAbove });
  };
  /** Whether `env`'s deploy job runs after its approval job (staging, prod), given the environment before it. */
  const runs = (env: (typeof environments)[number], changed: Record<string, string>, before: Outcome) => {
    if (env === "dev") return jobRuns("dev", changed, before, false);
    const failed = before === "failure";
    const approval: Outcome = jobRuns(`approve-${env}`, changed, before, failed) ? "success" : "skipped";
    return jobRuns(env, changed, approval, failed);
  };

  it("deploys dev, then staging, then prod, each after the one before, and each of the later two once approved", () => {
    expect(deploy.jobs.map((job) => [job.id, job.needs])).toEqual([
      ["changes", []],
      ["dev", ["changes"]],
      ["approve-staging", ["changes", "dev"]],
      ["staging", ["changes", "approve-staging"]],
      ["approve-prod", ["changes", "staging"]],
      ["prod", ["changes", "approve-prod"]],
    ]);
  });

  it("skips an environment with nothing to deploy, so its reviewers are not asked", () => {
    for (const env of environments) expect([env, runs(env, {}, "success")]).toEqual([env, false]);
    for (const env of ["staging", "prod"])
      expect(jobRuns(`approve-${env}`, { dev: "service" }, "success", false)).toBe(false);
  });

  it("deploys a later environment when the one before had nothing to deploy (a change to Pulumi.prod.yaml)", () => {
    expect(runs("staging", { staging: "service" }, "skipped")).toBe(true);
    expect(runs("prod", { prod: "service" }, "skipped")).toBe(true);
  });

  it("stops at a failed environment: nothing after it deploys, and no reviewer is asked", () => {
    expect(runs("staging", { staging: "service" }, "failure")).toBe(false);
    expect(runs("prod", { prod: "service" }, "failure")).toBe(false);
    expect(jobRuns("approve-prod", { prod: "service" }, "failure", true)).toBe(false);
  });

  it("deploys nothing that a reviewer refused (the approval job fails)", () => {
    expect(jobRuns("staging", { staging: "service" }, "failure", true)).toBe(false);
  });

  it("deploys what is committed: no promotion, no image resolution, no nx-set-shas guess of the range", () => {
    for (const job of deploy.jobs) {
      expect(runText(job)).not.toMatch(/promote|--image/);
      expect(job.steps.some((s) => s.uses?.startsWith("nrwl/nx-set-shas@"))).toBe(false);
    }
    for (const env of environments) expect(runText(jobOf(deploy, env))).toContain(`deploy-stacks.sh ${env}`);
  });

  it("puts each environment's job in the GitHub environment of its name, and each approval in <env>-approval", () => {
    for (const env of environments) expect(jobOf(deploy, env).declared.environment).toBe(env);
    for (const env of ["staging", "prod"]) {
      const approval = jobOf(deploy, `approve-${env}`);
      expect(approval.declared.environment).toBe(`${env}-approval`);
      expect(approval.declared.permissions).toEqual({});
    }
  });

  it("lets no job hold a concurrency group while it waits for a reviewer, so drift never queues behind one", () => {
    const grouped = deploy.jobs.filter((job) => job.declared.concurrency !== undefined).map((job) => job.id);
    expect(grouped).toEqual([...environments]);
    for (const job of deploy.jobs.filter((j) => j.id.startsWith("approve-")))
      expect(job.declared.concurrency).toBeUndefined();
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

describe("the Pulumi login", () => {
  const logins = () =>
    [deploy, drift].flatMap((workflow) =>
      workflow.jobs.flatMap((job) => job.steps.filter((step) => step.uses?.startsWith("pulumi/auth-actions@"))),
    );
  const inputs = (vars: Record<string, string>) =>
    logins().map((step) => evaluateStrings(mappingOf(step.declared.with), { vars }));

  it("asks for an organization token, with no scope, unless PULUMI_TOKEN_TYPE says team (any edition with OIDC)", () => {
    expect(logins().length).toBe(5);
    for (const vars of [
      { PULUMI_ORG: "acme", PULUMI_TEAM: "deployers" } as Record<string, string>,
      { PULUMI_ORG: "acme", PULUMI_TOKEN_TYPE: "organization" },
    ])
      expect(new Set(inputs(vars).map((w) => JSON.stringify(w)))).toEqual(
        new Set([
          JSON.stringify({
            organization: "acme",
            "requested-token-type": "urn:pulumi:token-type:access_token:organization",
            scope: "",
          }),
        ]),
      );
  });

  it("asks for the environment's team token where PULUMI_TOKEN_TYPE is team (Enterprise and Business Critical)", () => {
    const vars = { PULUMI_ORG: "acme", PULUMI_TOKEN_TYPE: "team", PULUMI_TEAM: "deployers" };
    for (const login of inputs(vars))
      expect(login).toEqual({
        organization: "acme",
        "requested-token-type": "urn:pulumi:token-type:access_token:team",
        scope: "team:deployers",
      });
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
    const open = jobOf(promote, "pull-request").steps.find((s) => s.name === "Open the pull request")!;
    const outputs = { service: "shop", "stack-file": "projects/shop/Pulumi.prod.yaml", origin: "staging", image: "i" };
    const withOf = evaluateStrings(mappingOf(open.declared.with), {
      needs: { promote: { outputs } },
      steps: { "app-token": { outputs: { token: "t" } } },
      env: { TO: "prod" },
      runner: { temp: "/tmp" },
    });
    expect(withOf).toMatchObject({
      branch: "promote/shop/prod",
      "add-paths": "projects/shop/Pulumi.prod.yaml",
      title: "Promote shop: staging → prod",
    });
  });

  it("previews the target stack, and opens a pull request, only when the promotion changed the stack file", () => {
    const needs = (changed: string, preview = "success") => ({
      needs: { promote: { result: "success", outputs: { changed } }, preview: { result: preview } },
    });
    for (const job of ["preview", "pull-request"].map((id) => jobOf(promote, id))) {
      expect([job.id, condition(job.if, needs("true"), { failed: false })]).toEqual([job.id, true]);
      expect([job.id, condition(job.if, needs("false"), { failed: false })]).toEqual([job.id, false]);
      expect([job.id, condition(job.if, needs("true"), { failed: true })]).toEqual([job.id, false]);
    }
    expect(condition(jobOf(promote, "pull-request").if, needs("true", "skipped"), { failed: false })).toBe(false);
  });

  it("previews in the target's drift environment (main only, read-only role), in the target's deploy group", () => {
    const preview = jobOf(promote, "preview");
    const of = (to: string) => ({ needs: { promote: { outputs: { to } } } });
    expect(evaluateValue(preview.declared.environment!, of("prod"))).toBe("prod-drift");
    expect(evaluateValue(mappingOf(preview.declared.concurrency).group!, of("prod"))).toBe("deploy-prod");
    expect(runText(preview)).toContain('preview-stack.sh "$SERVICE" "$TO"');
    expect(JSON.stringify(preview.declared)).toContain("vars.AWS_DRIFT_ROLE_ARN");
    expect(JSON.stringify(preview.declared)).not.toMatch(/secrets\.|vars\.AWS_ROLE_ARN/);
  });
});

describe("pull-request.yml", () => {
  it("runs the gate job with no secret at all, so pull requests from forks get it", () => {
    const gate = jobOf(pullRequest, "gate");
    expect(JSON.stringify(gate.declared)).not.toMatch(/secrets\./);
    expect(gate.declared.permissions).toEqual({ contents: "read", actions: "read" });
    expect(runText(gate)).toContain("npx nx affected -t lint typecheck test");
  });

  it("gives no job a secret or a way to mint a token: a same-repository branch could take either", () => {
    expect(pullRequest.jobs.map((job) => job.id)).toEqual(["gate", "comment"]);
    for (const job of pullRequest.jobs) {
      expect([job.id, JSON.stringify(job.declared)]).not.toEqual([job.id, expect.stringMatching(/secrets\./)]);
      expect([job.id, mappingOf(job.declared.permissions)["id-token"]]).toEqual([job.id, undefined]);
      expect([job.id, job.declared.environment]).toEqual([job.id, undefined]);
    }
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadWorkflow, repositoryRoot, workflowFiles, type Job } from "./support/workflows";

const workflows = workflowFiles().map(loadWorkflow);
const allJobs = workflows.flatMap((w) => Object.entries(w.jobs).map(([id, job]) => ({ file: w.file, id, job })));
const scriptsDir = join(repositoryRoot, ".github", "scripts");
const scripts = readdirSync(scriptsDir).map((file) => readFileSync(join(scriptsDir, file), "utf8"));
const environmentOf = (job: Job) => (typeof job.environment === "object" ? job.environment.name : job.environment);

describe("the workflows", () => {
  it("are the four pipelines: deploy, drift, promote and pull request", () => {
    expect(workflowFiles()).toEqual(["deploy.yml", "drift.yml", "promote.yml", "pull-request.yml"]);
  });

  it("hold no long-lived AWS keys anywhere, in workflows or their scripts", () => {
    for (const text of [...workflows.map((w) => w.text), ...scripts]) {
      expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i);
    }
  });

  it("assume AWS roles by OIDC: every job that configures AWS may request an id-token, and no other job", () => {
    for (const { file, id, job } of allJobs) {
      const usesAws = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      const permissions = typeof job.permissions === "object" ? job.permissions : {};
      expect([`${file}/${id}`, permissions["id-token"] === "write"]).toEqual([`${file}/${id}`, usesAws]);
      const aws = job.steps.find((s) => s.uses?.startsWith("aws-actions/"));
      if (usesAws) expect(aws?.with?.["role-to-assume"]).toBeTruthy();
    }
  });

  it("pin every uses: to a full commit SHA with the version in a comment", () => {
    for (const workflow of workflows) {
      const uses = workflow.text.split("\n").filter((line) => /^\s*-?\s*uses:/.test(line));
      expect(uses.length).toBeGreaterThan(0);
      for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it("grant nothing at the top level and name each job's permissions", () => {
    for (const workflow of workflows) expect(workflow.permissions).toEqual({});
    for (const { job } of allJobs) expect(typeof job.permissions).toBe("object");
  });

  it("keep ${{ }} expressions out of run: scripts, so no input can inject shell (they go through env:)", () => {
    for (const { job } of allJobs) for (const step of job.steps) expect(step.run ?? "").not.toContain("${{");
  });
});

describe("pull-request.yml", () => {
  const workflow = loadWorkflow("pull-request.yml");
  const gate = workflow.jobs.gate!;

  it("runs the gate job with no secret at all, so pull requests from forks get it", () => {
    expect(stringify(gate)).not.toMatch(/secrets\./);
    expect(stringify(workflow.env)).not.toMatch(/secrets\./);
    expect(gate.permissions).toEqual({ contents: "read", actions: "read" });
  });

  it("runs nx affected for lint, typecheck and test, then the offline plan of every environment", () => {
    const runs = gate.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("npx nx affected -t lint typecheck test");
    expect(runs).toContain('plan-affected.sh "$RUNNER_TEMP/plan.md" dev staging prod');
    expect(runs).toContain("$GITHUB_STEP_SUMMARY");
  });

  it("posts one comment, updated in place, only where the token may write (not for forks)", () => {
    const comment = workflow.jobs.comment!;
    expect(comment.steps[0]!.uses).toMatch(/^marocchino\/sticky-pull-request-comment@/);
    expect(comment.steps[0]!.with?.header).toBe("offline-plan");
    expect(comment.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });

  it("previews dev with the real pack only where credentials exist", () => {
    const preview = workflow.jobs.preview!;
    expect(preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(preview.steps.map((s) => s.run ?? "").join("\n")).toContain("npx nx affected -t preview -c dev");
  });
});

describe("deploy.yml", () => {
  const workflow = loadWorkflow("deploy.yml");

  it("deploys dev, then staging, then prod, each promoting from the stage before", () => {
    expect(workflow.jobs.staging!.needs).toBe("dev");
    expect(workflow.jobs.prod!.needs).toBe("staging");
    const runOf = (id: string) => workflow.jobs[id]!.steps.map((s) => s.run ?? "").join("\n");
    expect(runOf("staging")).toContain("promote -- --from dev --to staging");
    expect(runOf("prod")).toContain("promote -- --from staging --to prod");
    expect(runOf("dev")).toContain("smoke-test.sh dev");
  });

  it("puts staging and prod in GitHub environments of their name (required reviewers live there)", () => {
    expect(environmentOf(workflow.jobs.staging!)).toBe("staging");
    expect(environmentOf(workflow.jobs.prod!)).toBe("prod");
  });

  it("runs one deploy per environment at a time and never cancels one in progress", () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.concurrency).toEqual({ group: `deploy-${id}`, "cancel-in-progress": false });
    }
  });
});

describe("drift.yml", () => {
  const workflow = loadWorkflow("drift.yml");
  const projects = readdirSync(join(repositoryRoot, "projects")).sort();

  it("checks every Pulumi project, each in its own job, the service after the stacks it reads", () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(projects);
    expect(workflow.jobs.service!.needs).toEqual(["networking", "registry-access"]);
  });

  it("runs on a schedule and by hand, and only previews (refresh in memory, --expect-no-changes)", () => {
    expect(Object.keys(workflow.on as object).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const script = readFileSync(join(scriptsDir, "drift-check.sh"), "utf8");
    expect(script).toContain("-- --refresh --expect-no-changes");
    expect(script).not.toMatch(/\b(up|refresh --yes|destroy)\b/);
  });
});

describe("promote.yml", () => {
  it("runs promote and opens a pull request with the change", () => {
    const job = loadWorkflow("promote.yml").jobs.promote!;
    expect(job.steps.map((s) => s.run ?? "").join("\n")).toContain('npm run promote -- --from "$FROM" --to "$TO"');
    expect(job.steps.at(-1)!.uses).toMatch(/^peter-evans\/create-pull-request@/);
  });
});

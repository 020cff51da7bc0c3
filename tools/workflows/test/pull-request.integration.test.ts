// pull-request.yml run whole for a pull request that changes the service: the gate (with its offline plan of
// every environment) and the plan comment, for one from the same repository and one from a fork; neither gets
// a credential.
import { startDelivery, type Delivery } from "./support/delivery";

jest.setTimeout(1_200_000);

let delivery: Delivery;
afterAll(async () => delivery?.stop());

const pullRequestFrom = (repository: string, base: string) => ({
  name: "pull_request",
  payload: { pull_request: { number: 7, base: { sha: base }, head: { repo: { full_name: repository } } } },
});

describe("pull-request.yml for a change to projects/service", () => {
  let base: string;
  beforeAll(async () => {
    delivery = await startDelivery();
    base = delivery.repo.head;
    delivery.repo.push(["projects/service/index.ts"]);
  });

  it("gates it (affected: the service) and comments the plan, with no cloud credential", async () => {
    const run = await delivery.run("pull-request.yml", { event: pullRequestFrom(delivery.github.repository, base) });
    const gate = run.job("gate");
    expect(gate.result).toBe("success");
    expect(gate.log).toContain("Affected projects with a plan: service\n");
    expect(gate.summary).toContain("Offline plan of `prod`: passed");
    const comment = run.job("comment");
    expect(comment.steps[0]!.with?.message).toBe(gate.outputs["plan-markdown"]);
    expect(run.jobs.map((job) => job.job)).toEqual(["gate", "comment"]);
    expect(gate.steps.find((step) => step.name === "Workflow tests, the scenarios included")!.outcome).toBe("skipped");
    expect(delivery.pulumi.calls()).toEqual([]);
  });

  it("gives a fork's pull request the gate only: no comment", async () => {
    const before = delivery.pulumi.calls().length;
    const run = await delivery.run("pull-request.yml", { event: pullRequestFrom("someone/fork", base) });
    expect(run.job("gate").result).toBe("success");
    expect(run.job("comment").result).toBe("skipped");
    expect(delivery.pulumi.calls().slice(before)).toEqual([]);
  });
});

describe("pull-request.yml for a change under .github/", () => {
  let other: Delivery;
  afterAll(async () => other?.stop());

  it("runs the workflow tests, the scenarios included, which nx affected cannot see", async () => {
    other = await startDelivery();
    const before = other.repo.head;
    other.repo.push([".github/scripts/deploy-stacks.sh"]);
    const run = await other.run("pull-request.yml", { event: pullRequestFrom(other.github.repository, before) });
    const gate = run.job("gate");
    expect(gate.result).toBe("success");
    expect(gate.log).toContain("Affected projects with a plan: \n");
    expect(gate.log).toContain("would run: npx jest tools/workflows --maxWorkers=1");
    expect(gate.log).toContain("would run: npx jest -c jest.integration.config.js tools/workflows --maxWorkers=1");
  });
});

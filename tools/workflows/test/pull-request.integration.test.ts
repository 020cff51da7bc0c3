// pull-request.yml run whole for a pull request that changes the service: the gate (with its offline plan of
// every environment), the plan comment and the real preview (a fake pulumi), for one from the same repository
// and one from a fork.
import { startDelivery, vars, type Delivery } from "./support/delivery";

jest.setTimeout(1_200_000);

let delivery: Delivery;
afterAll(async () => delivery?.stop());

const previewVars = { PULUMI_TEAM: "previewers", AWS_PREVIEW_ROLE_ARN: "arn:aws:iam::111111111111:role/preview" };
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

  it("gates it (affected: the service), comments the plan, and previews dev with the preview team's token", async () => {
    const run = await delivery.run("pull-request.yml", {
      event: pullRequestFrom(delivery.github.repository, base),
      vars: { ...vars, ...previewVars },
    });
    const gate = run.job("gate");
    expect(gate.result).toBe("success");
    expect(gate.log).toContain("Affected projects with a plan: service\n");
    expect(gate.summary).toContain("Offline plan of `prod`: passed");
    const comment = run.job("comment");
    expect(comment.steps[0]!.with?.message).toBe(gate.outputs["plan-markdown"]);
    expect(run.job("preview").result).toBe("success");
    const previews = delivery.pulumi.calls().filter((call) => call.argv[0] === "preview");
    expect(previews.map((call) => [call.stack, call.token])).toEqual([["service/dev", "pul-oidc-team:previewers"]]);
  });

  it("gives a fork's pull request the gate only: no comment, no preview, no credential", async () => {
    const before = delivery.pulumi.calls().length;
    const run = await delivery.run("pull-request.yml", { event: pullRequestFrom("someone/fork", base) });
    expect(run.job("gate").result).toBe("success");
    expect([run.job("comment").result, run.job("preview").result]).toEqual(["skipped", "skipped"]);
    expect(delivery.pulumi.calls().slice(before)).toEqual([]);
  });
});

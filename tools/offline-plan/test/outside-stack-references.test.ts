// Programs from outside this repository (fixtures/outside), planned as a new user would: two of a chain of
// three stacks, so the first reads a stack that is not in the run and the second reads the first, which fails;
// then the whole chain, which passes.
import * as path from "node:path";
import { planCli, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson } from "./support/plan-json";

const outside = (name: string) => path.join(__dirname, "fixtures", "outside", name);

let run: CliRun;
let plan: PlanJson;
const errorOf = (project: string) => plan.stacks.find((s) => s.project === project)?.error;

beforeAll(async () => {
  run = await planCli([
    ...["chain-cluster", "chain-app", "no-aws"].flatMap((name) => ["--project", outside(name)]),
    "--env",
    "example",
    "--json",
  ]);
  plan = parsePlanJson(run.stdout);
}, 120_000);

it("says a StackReference names a stack outside the run, instead of the SDK's leaked-promises notice", () => {
  expect(errorOf("chain-cluster")).toBe(
    "StackReference `organization/chain-network/example` names a stack that is not part of this run. " +
      "Stacks in this run: organization/chain-cluster/example, organization/chain-app/example, organization/no-aws/example. " +
      "Plan its project in the same run (--project <dir>), or check the organization, project and environment in the name.",
  );
  expect(run.stdout).not.toContain("promises were still active");
});

it("says which upstream failed, and nothing more, for a stack downstream of a failed one", () => {
  expect(errorOf("chain-app")).toBe(
    "StackReference `organization/chain-cluster/example`: the upstream stack organization/chain-cluster/example failed, " +
      "so its outputs are unknown (see its error).",
  );
});

it("counts one resource in the singular", () => {
  expect(run.stderr).toMatch(/ {2}✓ no-aws\/example: 1 resource in \d+\.\ds\n/);
});

it("asks for AWS settings only of a program that declares AWS resources", () => {
  expect(run.stderr).toContain("! chain-cluster/example: warning: `aws:allowedAccountIds` is not set");
  expect(run.stderr).not.toMatch(/no-aws\/example: warning/);
  expect(run.code).toBe(1);
});

it("plans the whole chain when all three stacks are in the run", async () => {
  const whole = await planCli([
    ...["chain-network", "chain-cluster", "chain-app"].flatMap((name) => ["--project", outside(name)]),
    "--env",
    "example",
    "--json",
  ]);
  const json = parsePlanJson(whole.stdout);
  expect(json.stacks.map((s) => [s.project, s.error])).toEqual([
    ["chain-network", null],
    ["chain-cluster", null],
    ["chain-app", null],
  ]);
}, 120_000);

// `npm start` starts the policy packs as the Pulumi CLI does (run-policy-pack's own ts-node) unless
// `--pack-start tsx` asks for the faster start: this repository's plan must find exactly the same with
// either. One environment is planned here, dev, whose plan has findings to compare; the packs' answers
// under every environment's config (dev, staging, prod) are compared request by request in
// policies/fargate-guard/test/pack/start-equivalence.test.ts.
import { planCli } from "./support/plan-cli";
import { parsePlanJson, type PlanJson } from "./support/plan-json";

const plans: Partial<Record<"cli" | "tsx", PlanJson>> = {};

beforeAll(async () => {
  await Promise.all(
    (["cli", "tsx"] as const).map(async (packStart) => {
      const run = await planCli(["--env", "dev", "--json"], undefined, { packStart });
      if (!run.stdout) throw new Error(`the ${packStart} plan printed no JSON (exit ${run.code}):\n${run.stderr}`);
      plans[packStart] = parsePlanJson(run.stdout);
    }),
  );
});

/** What the packs found and said, per stack. */
const findings = (plan: PlanJson) => ({
  ok: plan.ok,
  packs: plan.policyPacks,
  stacks: plan.stacks.map((s) => ({ stack: `${s.project}/${s.stack}`, error: s.error, violations: s.violations })),
});

it("finds the same in the repository's dev plan whether the packs start as the CLI does or with tsx", () => {
  const [cli, tsx] = [findings(plans.cli!), findings(plans.tsx!)];
  expect(cli.stacks.map((s) => s.stack)).toEqual(expect.arrayContaining(["networking/dev", "service/dev"]));
  expect(tsx).toEqual(cli);
  // Not equally empty: the repository's dev plan has advisory findings.
  expect(cli.stacks.flatMap((s) => s.violations).length).toBeGreaterThan(0);
});

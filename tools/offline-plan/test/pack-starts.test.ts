// `npm start` starts the policy packs as the Pulumi CLI does (run-policy-pack's own ts-node) unless
// `--pack-start tsx` asks for the faster start: this repository's plan of every environment must find
// exactly the same with either.
import { planCli } from "./support/plan-cli";
import { parseAllEnvironmentsJson, type AllEnvironmentsJson } from "./support/plan-json";

const plans: Partial<Record<"cli" | "tsx", AllEnvironmentsJson>> = {};

beforeAll(async () => {
  await Promise.all(
    (["cli", "tsx"] as const).map(async (packStart) => {
      const run = await planCli(["--env", "all", "--json"], undefined, { packStart });
      if (!run.stdout) throw new Error(`the ${packStart} plan printed no JSON (exit ${run.code}):\n${run.stderr}`);
      plans[packStart] = parseAllEnvironmentsJson(run.stdout);
    }),
  );
});

/** What the packs found and said, per environment and stack. */
const findings = (plan: AllEnvironmentsJson) =>
  plan.environments.map((e) => ({
    env: e.env,
    ok: e.ok,
    packs: e.policyPacks,
    stacks: e.stacks.map((s) => ({ stack: `${s.project}/${s.stack}`, error: s.error, violations: s.violations })),
  }));

it("finds the same in dev, staging and prod whether the packs start as the CLI does or with tsx", () => {
  const [cli, tsx] = [findings(plans.cli!), findings(plans.tsx!)];
  expect(cli.map((e) => e.env)).toEqual(["dev", "staging", "prod"]);
  expect(tsx).toEqual(cli);
  // Not equally empty: the repository's dev plan has advisory findings.
  expect(cli.flatMap((e) => e.stacks.flatMap((s) => s.violations)).length).toBeGreaterThan(0);
});

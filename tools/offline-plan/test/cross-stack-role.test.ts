// In the offline plan, across stacks: the execution role lives in one stack, the task definition in another, and
// fargate-guard proves the read through the service stack's StackReference, whose state carries the upstream
// outputs as the engine's does. Only the registry side changes between the two stacks (`grantedSecret`).
import { planCli, projectArgs } from "./support/plan-cli";
import { parseAllEnvironmentsJson, type AllEnvironmentsJson } from "./support/plan-json";

// Both environments in one run (`--env all`): the packs start once for the two.
let code: number;
let plans: AllEnvironmentsJson;
beforeAll(async () => {
  const run = await planCli([...projectArgs("cross-stack-registry", "cross-stack-service"), "--env", "all", "--json"]);
  code = run.code;
  plans = parseAllEnvironmentsJson(run.stdout);
});
const plan = (env: string) => plans.environments.find((e) => e.env === env)!;
const violationsOf = (env: string, project: string) =>
  plan(env).stacks.find((stack) => stack.project === project)!.violations;

it("passes when registry-access grants the secret the service pulls with", () => {
  expect(plans.environments.map((e) => e.env)).toEqual(["agree", "drift"]);
  expect(violationsOf("agree", "cross-stack-service").filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  expect(plan("agree").ok).toBe(true);
});

it("fails the service stack, naming role, secret and action, when registry-access grants another secret", () => {
  expect(plan("drift").ok).toBe(false);
  expect(code).toBe(1);
  expect(violationsOf("drift", "cross-stack-registry")).toEqual([]);
  const [only, ...rest] = violationsOf("drift", "cross-stack-service");
  expect(rest).toEqual([]);
  expect(only).toMatchObject({ policyName: "execution-role-can-read-registry-secret", enforcementLevel: "mandatory" });
  expect(only!.message).toMatch(
    /reads registry credentials from `arn:aws:secretsmanager:eu-west-1:444444444444:secret:registry\/ghcr\.io-\w{6}`, but execution role `arn:aws:iam::444444444444:role\/execution-\w+` \(exported by stack `organization\/cross-stack-registry\/drift`\) cannot: secretsmanager:GetSecretValue is ImplicitlyDenied/,
  );
});

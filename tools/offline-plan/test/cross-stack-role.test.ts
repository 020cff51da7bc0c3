// Issue 10.2 in the offline plan: the execution role lives in one stack, the task definition in another, and
// fargate-guard proves the read through the service stack's StackReference, whose state carries the upstream
// outputs as the engine's does. Only the registry side changes between the two stacks (`grantedSecret`).
import { planCli, projectArgs } from "./support/plan-cli";

interface PlanJson {
  ok: boolean;
  stacks: Array<{
    project: string;
    violations: Array<{ policyName: string; enforcementLevel: string; message: string }>;
  }>;
}

const pair = projectArgs("cross-stack-registry", "cross-stack-service");
const plan = async (env: string) => {
  const run = await planCli([...pair, "--env", env, "--json"]);
  return { code: run.code, json: JSON.parse(run.stdout) as PlanJson };
};
const violationsOf = (json: PlanJson, project: string) =>
  json.stacks.find((stack) => stack.project === project)!.violations;

it("passes when registry-access grants the secret the service pulls with", async () => {
  const { code, json } = await plan("agree");
  expect(violationsOf(json, "cross-stack-service").filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  expect(code).toBe(0);
});

it("fails the service stack, naming role, secret and action, when registry-access grants another secret", async () => {
  const { code, json } = await plan("drift");
  expect(code).toBe(1);
  expect(violationsOf(json, "cross-stack-registry")).toEqual([]);
  const [only, ...rest] = violationsOf(json, "cross-stack-service");
  expect(rest).toEqual([]);
  expect(only).toMatchObject({ policyName: "execution-role-can-read-registry-secret", enforcementLevel: "mandatory" });
  expect(only!.message).toMatch(
    /reads registry credentials from `arn:aws:secretsmanager:eu-west-1:444444444444:secret:registry\/ghcr\.io-\w{6}`, but execution role `arn:aws:iam::444444444444:role\/execution-\w+` \(exported by stack `organization\/cross-stack-registry\/drift`\) cannot: secretsmanager:GetSecretValue is ImplicitlyDenied/,
  );
});

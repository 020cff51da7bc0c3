// In the offline plan, across stacks: the execution role lives in one stack, the task definition in another, and
// fargate-guard proves the read from what a real engine sends the pack: never the service stack's StackReference
// (a read), but the `UpstreamStack` component @platform/contracts registers with the outputs it read. A second pack records
// what it receives. Only the registry side changes between the two stacks (`grantedSecret`).
import * as path from "node:path";
import { fixturePack, planCli, projectArgs, WORKSPACE_ROOT } from "./support/plan-cli";
import { parseAllEnvironmentsJson, type AllEnvironmentsJson } from "./support/plan-json";

// Both environments in one run (`--env all`): the packs start once for the two.
let code: number;
let plans: AllEnvironmentsJson;
beforeAll(async () => {
  const packs = [
    "--policy-pack",
    path.join(WORKSPACE_ROOT, "policies", "fargate-guard"),
    "--policy-pack",
    fixturePack("probe"),
  ];
  const run = await planCli([
    ...projectArgs("cross-stack-registry", "cross-stack-service"),
    ...packs,
    "--env",
    "all",
    "--json",
  ]);
  code = run.code;
  plans = parseAllEnvironmentsJson(run.stdout);
});
const plan = (env: string) => plans.environments.find((e) => e.env === env)!;
const stackOf = (env: string, project: string) => plan(env).stacks.find((stack) => stack.project === project)!;
const violationsOf = (env: string, project: string) =>
  stackOf(env, project).violations.filter((v) => v.policyPack === "fargate-guard");
/** What the probe pack received, one line per resource (after the policy's description): "analyze <type> <name>" or "stack …". */
const received = (env: string, project: string) =>
  stackOf(env, project)
    .violations.filter((v) => v.policyPack === "probe")
    .map((v) => v.message.split("\n").at(-1)!);

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

it("sends the pack no read resource, in Analyze or AnalyzeStack, though the program read a StackReference", () => {
  for (const env of ["agree", "drift"]) {
    const service = stackOf(env, "cross-stack-service");
    // The program did read the upstream stack: the plan shows the read, as `pulumi preview` does.
    expect(service.resources.map((r) => r.type)).toContain("pulumi:pulumi:StackReference");
    const lines = received(env, "cross-stack-service");
    expect(lines.filter((line) => line.includes("StackReference"))).toEqual([]);
    // What the pack does receive: the task definition, and the component carrying the outputs that were read.
    expect(lines).toEqual(
      expect.arrayContaining([
        "analyze aws:ecs/taskDefinition:TaskDefinition app",
        "stack aws:ecs/taskDefinition:TaskDefinition app",
        `stack platform:contracts:UpstreamStack organization/cross-stack-registry/${env}`,
      ]),
    );
    // Exactly the registered resources, each once per call.
    const registered = service.resources.filter((r) => r.type !== "pulumi:pulumi:StackReference");
    expect(lines.filter((line) => line.startsWith("stack ")).sort()).toEqual(
      registered.map((r) => `stack ${r.type} ${r.name}`).sort(),
    );
  }
});

// Two services in one environment, as two stacks of the same component: projects/service (ghcr.io, every path)
// and test/fixtures/shop (another private registry, /shop/*), on one shared load balancer and one execution role.
import * as path from "node:path";
import { ENVIRONMENTS, environmentDefaults } from "@platform/config/environments";
import { type PolicyDocument } from "@platform/iam";
import { evaluateAccess } from "@platform/iam/access";
import { type ProgramRun, runProgram } from "@platform/testing";
import { fargateInputs, runService, serviceDir } from "./stacks";

const projectsDir = path.resolve(serviceDir, "..");
const shopDir = path.join(__dirname, "fixtures", "shop");
const ACCOUNTS = { dev: "111111111111", staging: "222222222222", prod: "333333333333" };

/** registry-access holding credentials for both services' registries. */
const registries = JSON.stringify([
  { host: "ghcr.io", username: "jonashackt", tokenSource: "external" },
  { host: "registry.gitlab.com", username: "acme", tokenSource: "external" },
]);

interface Environment {
  readonly networking: ProgramRun;
  readonly registryAccess: ProgramRun;
  readonly services: readonly ProgramRun[];
}
const runs = new Map<string, Environment>();

beforeAll(async () => {
  // One program after another: the SDK's mock monitor is process-global.
  for (const env of ENVIRONMENTS) {
    const networking = await runProgram({ projectDir: path.join(projectsDir, "networking"), env });
    const registryAccess = await runProgram({
      projectDir: path.join(projectsDir, "registry-access"),
      env,
      config: { "registry-access:registries": registries },
    });
    const stacks = {
      [`organization/networking/${env}`]: networking.outputs,
      [`organization/registry-access/${env}`]: registryAccess.outputs,
    };
    const service = await runService(env, stacks);
    const shop = await runProgram({ projectDir: shopDir, env, stackOutputs: stacks });
    runs.set(env, { networking, registryAccess, services: [service, shop] });
  }
});

// What lands in the account: not the stack, providers, or the records of the upstream stacks each service read.
const named = (run: ProgramRun) =>
  run.resources.filter((r) => !/^(pulumi|platform:contracts):/.test(r.type)).map((r) => `${r.type}::${r.name}`);
const credentialsOf = (run: ProgramRun) =>
  (fargateInputs(run).taskDefinitionArgs.container.repositoryCredentials as { credentialsParameter: string })
    .credentialsParameter;

describe.each(ENVIRONMENTS)("two services in %s", (env) => {
  const at = () => runs.get(env)!;

  it("name every resource after their service, so none collides in the account", () => {
    const [service, shop] = at().services.map(named);
    expect(service!.filter((name) => shop!.includes(name))).toEqual([]);
    // projects/service keeps awsx's FargateService as it was deployed, under its former name (former-names.ts).
    const renamed = service!.filter((name) => !name.split("::")[1]!.startsWith(`service-${env}`));
    expect(renamed).toEqual([`awsx:ecs:FargateService::app-${env}`]);
    expect(shop!.every((name) => name.split("::")[1]!.startsWith(`shop-${env}`))).toBe(true);
    const logGroups = at().services.map((run) => run.one("aws:cloudwatch/logGroup:LogGroup").inputs.name);
    // projects/service keeps the group it was deployed with before services were components (its formerName).
    expect(logGroups).toEqual([`/ecs/app-${env}`, `/ecs/shop-${env}`]);
  });

  it("each register with their own target group, through their own rule on networking's one listener", () => {
    const listenerArn = at().networking.outputs.listenerArn;
    // The shop, a new service, deploys as its environment's profile says: blue/green beside a second group, or rolling.
    const blueGreen = environmentDefaults(env).deployment.strategy === "blue-green";
    const groups = at().services.map((run) => run.ofType("aws:lb/targetGroup:TargetGroup"));
    expect(groups.map((list) => list.map((group) => group.name))).toEqual([
      [`service-${env}`],
      [`shop-${env}`, ...(blueGreen ? [`shop-${env}-alternate`] : [])],
    ]);
    const shopGroups = groups[1]!.map((group) => group.state.arn as string);
    const rules = at().services.map((run, index) => {
      const targetGroup = groups[index]![0]!.state.arn;
      // projects/service is in the cut-over's first step (service.test.ts): its tasks are in both groups.
      expect(fargateInputs(run).loadBalancers).toContainEqual(expect.objectContaining({ targetGroupArn: targetGroup }));
      return { targetGroup, rule: run.one("aws:lb/listenerRule:ListenerRule").inputs };
    });
    expect(fargateInputs(at().services[1]!).loadBalancers).toHaveLength(1);
    expect(rules.map((r) => r.rule)).toEqual([
      {
        listenerArn,
        priority: 1000,
        conditions: [{ pathPattern: { values: ["/*"] } }],
        actions: [
          {
            type: "forward",
            forward: { targetGroups: [expect.anything(), { arn: rules[0]!.targetGroup, weight: 0 }] },
          },
        ],
      },
      {
        listenerArn,
        priority: 10,
        conditions: [{ pathPattern: { values: ["/shop/*"] } }],
        actions: [
          blueGreen
            ? { type: "forward", forward: { targetGroups: shopGroups.map((arn, i) => ({ arn, weight: i ? 0 : 100 })) } }
            : { type: "forward", targetGroupArn: rules[1]!.targetGroup },
        ],
      },
    ]);
    expect(rules[0]!.targetGroup).not.toBe(rules[1]!.targetGroup);
  });

  it("pull each image with its own registry's secret", () => {
    const credentials = at().registryAccess.outputs.registryCredentials as Record<string, string>;
    expect(at().services.map(credentialsOf)).toEqual([credentials["ghcr.io"], credentials["registry.gitlab.com"]]);
  });

  it("share the execution role, which reads exactly the secrets the two services use (IAM simulation)", async () => {
    const roleArn = at().registryAccess.outputs.executionRoleArn;
    for (const run of at().services) expect(fargateInputs(run).taskDefinitionArgs.executionRole).toEqual({ roleArn });
    const inline = JSON.parse(
      at().registryAccess.one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string,
    ) as PolicyDocument;
    const decide = (resource: string) =>
      evaluateAccess({ identityPolicies: [inline], action: "secretsmanager:GetSecretValue", resource }).then(
        (decision) => decision.allowed,
      );
    const inUse = at().services.map(credentialsOf);
    const unused = `arn:aws:secretsmanager:eu-central-1:${ACCOUNTS[env]}:secret:registry/${env}/quay.io-Xy12Zq`;
    expect(await Promise.all([...inUse, unused].map(decide))).toEqual([true, true, false]);
    // Exactly: every secret the role may read is one a service of the environment pulls with.
    const granted = inline.Statement.filter((s) => JSON.stringify(s.Action).includes("secretsmanager"));
    expect(granted.flatMap((s) => [s.Resource].flat()).sort()).toEqual([...inUse].sort());
  });
});

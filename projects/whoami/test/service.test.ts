// whoami under the AWS mocks in every environment: the real networking and registry-access programs first, then
// this project's program with their outputs, as `pulumi preview` would run it after them.
import * as path from "node:path";
import { ENVIRONMENTS, environmentDefaults } from "@platform/config/environments";
import { readStackConfig } from "@platform/config-files/stack-files";
import { SERVICE_UPSTREAMS, serviceContract } from "@platform/contracts";
import { needsRepositoryCredentials, parseImageReference, pullThroughReference } from "@platform/image-ref";
import { type ProgramRun, runProgram } from "@platform/testing";

const projectDir = path.resolve(__dirname, "..");
const runs = new Map<string, { service: ProgramRun; upstream: Record<string, Record<string, unknown>> }>();

beforeAll(async () => {
  // One program after another: the SDK's mock monitor is process-global.
  for (const env of ENVIRONMENTS) {
    const upstream: Record<string, Record<string, unknown>> = {};
    for (const project of SERVICE_UPSTREAMS) {
      const run = await runProgram({ projectDir: path.resolve(projectDir, "..", project), env });
      upstream[`organization/${project}/${env}`] = run.outputs;
    }
    runs.set(env, { service: await runProgram({ projectDir, env, stackOutputs: upstream }), upstream });
  }
});

describe.each(ENVIRONMENTS)("whoami/%s", (env) => {
  const stack = () => readStackConfig(projectDir, env).values;
  const service = () => runs.get(env)!.service;
  const upstream = (project: string) => runs.get(env)!.upstream[`organization/${project}/${env}`]!;
  const container = () =>
    (service().one("awsx:ecs:FargateService").inputs as { taskDefinitionArgs: { container: Record<string, unknown> } })
      .taskDefinitionArgs.container;

  it("exports the service contract", () => {
    expect(serviceContract.schema.safeParse(service().outputs).error).toBeUndefined();
  });

  it("adds its own rule, with its stack file's priority, to networking's listener", () => {
    const rule = service().one("aws:lb/listenerRule:ListenerRule").inputs as Record<string, unknown>;
    expect(rule.listenerArn).toBe(upstream("networking").listenerArn);
    expect(rule.priority).toBe(Number(stack()["whoami:listenerPriority"]));
    // In an environment that deploys blue/green, the rule also holds the second group, at weight 0 (ECS shifts it).
    const blueGreen = environmentDefaults(env).deployment.strategy === "blue-green";
    const groups = service().ofType("aws:lb/targetGroup:TargetGroup");
    expect(groups.map((group) => group.name)).toEqual([
      `whoami-${env}`,
      ...(blueGreen ? [`whoami-${env}-alternate`] : []),
    ]);
    const [own, alternate] = groups.map((group) => group.state.arn as string);
    expect(rule.actions).toEqual([
      blueGreen
        ? {
            type: "forward",
            forward: {
              targetGroups: [
                { arn: own, weight: 100 },
                { arn: alternate, weight: 0 },
              ],
            },
          }
        : { type: "forward", targetGroupArn: own },
    ]);
  });

  it("deploys as its environment's profile says: blue/green with its bake time, or rolling", () => {
    const { deployment } = environmentDefaults(env);
    const fargate = service().one("awsx:ecs:FargateService").inputs as Record<string, unknown>;
    expect(fargate.deploymentConfiguration).toEqual(
      deployment.strategy === "blue-green"
        ? { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(deployment.bakeTimeInMinutes) }
        : undefined,
    );
  });

  it("pins its image by digest: a new one enters dev by a pull request that pins it, as in every environment", () => {
    expect(parseImageReference(stack()["whoami:image"]!).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("runs its stack file's image, with registry credentials exactly when the image needs them", () => {
    const image = parseImageReference(stack()["whoami:image"]!);
    const { registryCredentials, pullThroughCaches } = upstream("registry-access") as {
      registryCredentials: Record<string, string>;
      pullThroughCaches?: Record<string, string>;
    };
    // A host registry-access pulls through ECR's pull-through cache runs from the account's ECR, with no credentials.
    const cache = pullThroughCaches?.[image.host];
    expect(container().image).toBe(cache === undefined ? image.original : pullThroughReference(image, cache));
    expect(container().repositoryCredentials).toEqual(
      cache === undefined && needsRepositoryCredentials(image, environmentDefaults(env).publicImagePrefixes)
        ? { credentialsParameter: registryCredentials[image.host] }
        : undefined,
    );
  });

  it("runs its stack file's command, or the image's own when it sets none", () => {
    const command = stack()["whoami:command"];
    expect(container().command).toEqual(command === undefined ? undefined : JSON.parse(command));
  });
});

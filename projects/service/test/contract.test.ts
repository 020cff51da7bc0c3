import { ENVIRONMENTS } from "@platform/config/environments";
import * as path from "node:path";
import type { ZodType } from "zod";
import { networkingContract, registryAccessContract, serviceContract, SERVICE_UPSTREAMS } from "@platform/contracts";
import { runProgram } from "@platform/testing";
import { fargateInputs, runService } from "./stacks";

const projectsDir = path.resolve(__dirname, "../..");
const contracts = { networking: networkingContract, "registry-access": registryAccessContract };

/**
 * The consumer reads its upstream stacks only through these contracts (readStack), so a producer that
 * stops exporting, renames or reshapes an output the contract promises fails here, before any deploy.
 */
describe.each(ENVIRONMENTS)("%s", (env) => {
  it("the service's upstream projects are exactly the contracts it reads", () => {
    expect([...SERVICE_UPSTREAMS].sort()).toEqual(Object.keys(contracts).sort());
  });

  it("every output the service reads is exported by its producer, in the promised shape", async () => {
    const stacks: Record<string, Record<string, unknown>> = {};
    for (const project of SERVICE_UPSTREAMS) {
      const { outputs } = await runProgram({ projectDir: path.join(projectsDir, project), env });
      const contract = contracts[project];
      const shape: Record<string, ZodType> = contract.schema.shape;
      const required = Object.entries(shape)
        .filter(([, s]) => !s.safeParse(undefined).success)
        .map(([k]) => k);
      expect({ project, missing: required.filter((key) => !(key in outputs)) }).toEqual({ project, missing: [] });
      expect(contract.schema.safeParse(outputs).error).toBeUndefined();
      stacks[`organization/${project}/${env}`] = outputs;
    }
    // The service reads them: its rule joins networking's listener, its task pulls with registry-access's role, and
    // with its ghcr.io secret or, where registry-access runs ECR's pull-through cache for ghcr.io, from that cache.
    const service = await runService(env, stacks);
    const networking = stacks[`organization/networking/${env}`]!;
    const registryAccess = registryAccessContract.schema.parse(stacks[`organization/registry-access/${env}`]);
    const { taskDefinitionArgs } = fargateInputs(service);
    const cache = registryAccess.pullThroughCaches?.["ghcr.io"];
    const registry = cache ?? "ghcr.io";
    expect({
      listenerArn: service.one("aws:lb/listenerRule:ListenerRule").inputs.listenerArn,
      executionRoleArn: taskDefinitionArgs.executionRole.roleArn,
      repositoryCredentials: taskDefinitionArgs.container.repositoryCredentials,
      registry: taskDefinitionArgs.container.image.slice(0, registry.length + 1),
    }).toEqual({
      listenerArn: networking.listenerArn,
      executionRoleArn: registryAccess.executionRoleArn,
      repositoryCredentials:
        cache === undefined ? { credentialsParameter: registryAccess.registryCredentials["ghcr.io"] } : undefined,
      registry: `${registry}/`,
    });
    expect(serviceContract.schema.safeParse(service.outputs).error).toBeUndefined();
  });
});

import * as path from "node:path";
import { SERVICE_UPSTREAMS } from "@platform/contracts";
import { type ProgramRun, type RunProgramOptions, runProgram } from "@platform/testing";

export const serviceDir = path.resolve(__dirname, "..");
const projectsDir = path.resolve(serviceDir, "..");

/** Runs the real upstream programs of an environment and returns their outputs, keyed by stack name. */
export async function upstreamStacks(env: string): Promise<Record<string, Record<string, unknown>>> {
  const stacks: Record<string, Record<string, unknown>> = {};
  // One after another: the SDK's mock monitor is process-global.
  for (const project of SERVICE_UPSTREAMS) {
    stacks[`organization/${project}/${env}`] = (
      await runProgram({ projectDir: path.join(projectsDir, project), env })
    ).outputs;
  }
  return stacks;
}

export function runService(
  env: string,
  stackOutputs: Record<string, Record<string, unknown>>,
  extra: Partial<RunProgramOptions> = {},
) {
  return runProgram({ projectDir: serviceDir, env, stackOutputs, ...extra });
}

/** The awsx FargateService inputs the service tests read; the mocks record inputs untyped. */
export interface FargateServiceInputs {
  readonly taskDefinitionArgs: {
    readonly container: Record<string, unknown> & { readonly repositoryCredentials?: unknown; readonly image: string };
    readonly executionRole: { readonly roleArn: string };
    readonly taskRole: { readonly roleArn: string };
  } & Record<string, unknown>;
  readonly [key: string]: unknown;
}

export function fargateInputs(run: ProgramRun): FargateServiceInputs {
  return run.one("awsx:ecs:FargateService").inputs as FargateServiceInputs;
}

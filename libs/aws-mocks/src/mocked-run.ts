import type * as pulumi from "@pulumi/pulumi";
import type { AwsMocks } from "./aws-mocks";
import { mockMonitorOf, nameAfterAliases } from "./aliases";
import { recordLifecycle } from "./lifecycle";
import { acceptTransforms, type RegisteredTransform } from "./transforms";

export interface MockedRun {
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  /** `pulumi preview` runs programs with `isDryRun()` true; the program tests run them as `up` would. */
  readonly preview: boolean;
  /** Config to set in the SDK; none when the process got it as the CLI passes it (`PULUMI_CONFIG`). */
  readonly config?: { readonly values: Record<string, string>; readonly secretKeys: readonly string[] };
  /** What the SDK's mock monitor asks; `mocks` itself unless a wrapper answers some requests first. */
  readonly monitorMocks?: pulumi.runtime.Mocks;
}

/**
 * Puts the SDK copy that `sdkRequire` loads under the AWS mocks for one program run. Every runner starts a program
 * this way (the plan's program process, runProgram, the re-plan worker), so none can drift from the others: the
 * mock monitor, `transforms` accepted, resources an alias moved named as before, `protect` and `retainOnDelete`
 * recorded, then the config.
 */
export async function startMockedRun(
  sdkRequire: (id: string) => unknown,
  mocks: AwsMocks,
  run: MockedRun,
): Promise<RegisteredTransform[]> {
  const sdk = sdkRequire("@pulumi/pulumi") as typeof pulumi;
  await sdk.runtime.setMocks(run.monitorMocks ?? mocks, run.project, run.stack, run.preview, run.organization);
  const transforms = acceptTransforms(sdkRequire);
  nameAfterAliases(mockMonitorOf(sdkRequire), mocks);
  recordLifecycle(mockMonitorOf(sdkRequire), mocks);
  if (run.config) sdk.runtime.setAllConfig(run.config.values, [...run.config.secretKeys]);
  return transforms;
}

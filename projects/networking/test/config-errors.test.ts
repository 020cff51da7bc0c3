import * as path from "node:path";
import { ProgramError, runProgram } from "@platform/testing";

const projectDir = path.resolve(__dirname, "..");

async function failure(env: string, config: Record<string, string | undefined>): Promise<ProgramError> {
  const error = await runProgram({ projectDir, env, config }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProgramError);
  return error as ProgramError;
}

it("rejects a non-numeric port before declaring any resource", async () => {
  const error = await failure("dev", { "networking:servicePort": "http" });
  expect(error.message).toContain(
    '`networking:servicePort` is "http" in Pulumi.dev.yaml: expected a port number, an integer from 1 to 65535',
  );
  expect(error.message).toContain("Fix: pulumi config set networking:servicePort 8098 --stack dev");
  expect(error.resources).toEqual([]);
});

it("requires a certificate in prod, naming the key and the stack file", async () => {
  const error = await failure("prod", { "networking:certificateArn": undefined });
  expect(error.message).toContain("`networking:certificateArn` is not set in Pulumi.prod.yaml: prod serves HTTPS only");
  expect(error.resources).toEqual([]);
});

it("rejects a VPC too small for awsx to place the subnets of every AZ, before declaring any resource", async () => {
  const error = await failure("dev", { "networking:vpcCidr": "10.0.0.0/20", "networking:availabilityZones": "2" });
  expect(error.message).toContain(
    '`networking:vpcCidr` is "10.0.0.0/20" in Pulumi.dev.yaml: awsx splits a /20 VPC into 2 blocks of /21 for 2 AZs',
  );
  expect(error.message).toContain("so the VPC must be /18 or larger for 2 AZs");
  expect(error.message).toContain("Fix: pulumi config set networking:vpcCidr 10.0.0.0/18 --stack dev");
  expect(error.resources).toEqual([]);
});

it("accepts six AZs in the default /16 VPC, with a public and a private subnet in each", async () => {
  const run = await runProgram({ projectDir, env: "dev", config: { "networking:availabilityZones": "6" } });
  const subnetIds = [run.outputs.publicSubnetIds, run.outputs.privateSubnetIds] as string[][];
  expect(subnetIds.map((ids) => new Set(ids).size)).toEqual([6, 6]);
});

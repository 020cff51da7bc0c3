import { ProgramError } from "@platform/testing";
import { runService, upstreamStacks } from "./stacks";

let dev: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  dev = await upstreamStacks("dev");
});

/** The dev upstream outputs with one stack's outputs changed. */
function withOutputs(project: string, change: (outputs: Record<string, unknown>) => void) {
  // JSON, not structuredClone: under jest's vm context structuredClone returns arrays of Node's own realm, and
  // the SDK serializes a nested foreign array (registry-access's executionRolePolicies) as an object.
  const stacks = JSON.parse(JSON.stringify(dev)) as typeof dev;
  change(stacks[`organization/${project}/dev`]!);
  return stacks;
}

async function failure(stacks: Record<string, Record<string, unknown>>): Promise<string> {
  const error = await runService("dev", stacks).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProgramError);
  expect((error as ProgramError).resources.filter((r) => r.type !== "pulumi:pulumi:StackReference")).toEqual([]);
  return (error as ProgramError).message;
}

it("rejects a malformed execution role ARN from the registry-access stack", async () => {
  const message = await failure(
    withOutputs(
      "registry-access",
      (o) => (o.executionRoleArn = "arn:aws:iam::yourAccountIdHere:role/ecsTaskExecutionRole"),
    ),
  );
  expect(message).toContain(
    "service reads stack organization/registry-access/dev, whose outputs break the registry-access contract",
  );
  expect(message).toContain(
    '`executionRoleArn` is "arn:aws:iam::yourAccountIdHere:role/ecsTaskExecutionRole", expected an IAM role ARN',
  );
});

it("rejects a malformed secret ARN from the registry-access stack", async () => {
  const message = await failure(
    withOutputs(
      "registry-access",
      (o) => (o.registryCredentials = { "ghcr.io": "arn:aws:secretsmanager:awsRegionHere:111111111111:secret:ghcr" }),
    ),
  );
  expect(message).toContain(
    '`registryCredentials.ghcr.io` is "arn:aws:secretsmanager:awsRegionHere:111111111111:secret:ghcr", expected a Secrets Manager secret ARN',
  );
});

// A reference to a stack outside the run fails in the mocks themselves; tools/offline-plan tests that path
// in a child process, since the SDK surfaces it as an unhandled rejection that jest cannot contain.
it("names the producer stack and the key when an upstream output is missing", async () => {
  const message = await failure(withOutputs("networking", (o) => delete o.listenerArn));
  expect(message).toContain(
    "service reads stack organization/networking/dev, whose outputs break the networking contract",
  );
  expect(message).toContain("`listenerArn` is not exported by organization/networking/dev");
});

import { ProgramError, programFailure } from "@platform/testing";
import { ECS_SERVICE_TYPE } from "@platform/service-component";
import { runService, upstreamStacks } from "./stacks";

const NO_CURRENT_VERSION = {
  "aws:secretsmanager/getSecretVersions:getSecretVersions": () => ({
    versions: [{ versionId: "v1", versionStages: ["AWSPREVIOUS"] }],
  }),
};

/** What the provider answers for a secret created empty: no versions, and so no `versions` (nor arn, name). */
const NO_VERSION = {
  "aws:secretsmanager/getSecretVersions:getSecretVersions": (inputs: Record<string, unknown>) => ({
    id: inputs["secretId"],
    secretId: inputs["secretId"],
  }),
};

describe("a registry secret without a current value", () => {
  it("stops the service of a secret created empty, with the put-secret-value command, not a TypeError", async () => {
    const upstream = await upstreamStacks("staging");
    const error = await programFailure(runService("staging", upstream, { callResults: NO_VERSION }));
    expect(error.message).toContain("has no current value");
    expect(error.message).toContain("Fix: put the credentials into it, then run `pulumi up` again");
    expect(error.message).not.toMatch(/TypeError|Cannot read properties/);
  });

  it("stops the service before it declares anything, with the put-secret-value command for that secret", async () => {
    const upstream = await upstreamStacks("staging");
    const secretArn = (upstream["organization/registry-access/staging"]!.registryCredentials as Record<string, string>)[
      "ghcr.io"
    ]!;
    const error = await programFailure(runService("staging", upstream, { callResults: NO_CURRENT_VERSION }));
    expect(error).toBeInstanceOf(ProgramError);
    expect(error.message).toContain(
      `The registry secret for ghcr.io (${secretArn}, from stack organization/registry-access/staging) has no current value`,
    );
    expect(error.message).toContain(`aws secretsmanager put-secret-value --secret-id ${secretArn}`);
    expect(error.resources.filter((r) => r.type !== "pulumi:pulumi:StackReference")).toEqual([]);
  });

  it("lets the service deploy once the secret has a current version", async () => {
    const run = await runService("staging", await upstreamStacks("staging"));
    expect(run.ofType("awsx:ecs:FargateService")).toHaveLength(1);
  });
});

describe("the desiredCount that autoscaling owns", () => {
  // The engine calls a component's transforms when awsx's provider registers its children; the mock monitor
  // creates no children, so the test applies the transform the program registered to the child's registration.
  async function transformsOfTheFargateService() {
    const run = await runService("dev", await upstreamStacks("dev"));
    return run.transforms.filter((t) => t.resourceType === "awsx:ecs:FargateService").map((t) => t.transform);
  }

  it("is ignored on the aws:ecs/service:Service child through a transform of the FargateService", async () => {
    const transforms = await transformsOfTheFargateService();
    expect(transforms).toHaveLength(1);
    const child = {
      type: ECS_SERVICE_TYPE,
      name: "app-dev",
      custom: true,
      props: { desiredCount: 1 },
      opts: { ignoreChanges: ["tags"] },
    };
    const result = await transforms[0]!(child);
    expect(result?.opts?.ignoreChanges).toEqual(["tags", "desiredCount"]);
    expect(result?.props).toEqual({ desiredCount: 1 });
  });

  it("leaves the other children of the component alone", async () => {
    const [transform] = await transformsOfTheFargateService();
    expect(
      await transform!({
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name: "app-dev",
        custom: true,
        props: {},
        opts: {},
      }),
    ).toBeUndefined();
  });
});

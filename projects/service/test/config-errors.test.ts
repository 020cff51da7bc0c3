import { ProgramError } from "@platform/testing";
import { fargateInputs, runService, upstreamStacks } from "./stacks";

let dev: Record<string, Record<string, unknown>>;
let prod: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  dev = await upstreamStacks("dev");
  prod = await upstreamStacks("prod");
});

async function failure(env: "dev" | "prod", config: Record<string, string | undefined>): Promise<ProgramError> {
  const error = await runService(env, env === "dev" ? dev : prod, { config }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProgramError);
  // Bad input stops the program before it declares anything.
  expect((error as ProgramError).resources.filter((r) => r.type !== "pulumi:pulumi:StackReference")).toEqual([]);
  return error as ProgramError;
}

it.each([
  [
    "a missing image",
    "dev",
    { "service:image": undefined },
    "`service:image` is not set in Pulumi.dev.yaml: expected an image reference such as ghcr.io/<owner>/<app>:<tag>",
  ],
  [
    "an image that does not parse",
    "dev",
    { "service:image": "ghcr.io/Jonas/App:latest" },
    '`service:image` is "ghcr.io/Jonas/App:latest" in Pulumi.dev.yaml',
  ],
  [
    "a prod image without a digest",
    "prod",
    { "service:image": "ghcr.io/jonashackt/microservice-api-spring-boot-private:1.4" },
    "prod runs only images pinned by digest",
  ],
  [
    "an invalid CPU/memory pair",
    "prod",
    { "service:cpu": "256", "service:memory": "768" },
    "`service:memory` is 768 in Pulumi.prod.yaml: `service:cpu` is 256, so `service:memory` must be 512, 1024 or 2048.",
  ],
  [
    "a negative desired count",
    "dev",
    { "service:desiredCount": "-1" },
    "`service:desiredCount` is -1 in Pulumi.dev.yaml: expected a whole number of tasks from 0 to 1000",
  ],
  [
    "a container larger than its task",
    "dev",
    { "service:containerMemory": "2048" },
    "the container cannot have more memory than its task",
  ],
  [
    "an unknown log retention",
    "dev",
    { "service:logRetentionDays": "10" },
    "expected a CloudWatch retention, one of 1, 3, 5, 7",
  ],
] as const)("rejects %s with a message naming the key, value and fix", async (_, env, config, expected) => {
  const error = await failure(env, config);
  expect(error.message).toContain(expected);
  expect(error.message).toMatch(/Fix: pulumi config set service:\w+ .+ --stack (dev|prod)/);
});

it("lists every problem at once", async () => {
  const error = await failure("dev", { "service:cpu": "300", "service:desiredCount": "many" });
  expect(error.message).toContain("(2 problems)");
  expect(error.message).toContain("`service:cpu` is 300");
  expect(error.message).toContain('`service:desiredCount` is "many"');
});

it("rejects a private registry that registry-access holds no credentials for", async () => {
  const error = await failure("dev", { "service:image": "registry.gitlab.com/acme/api:1.0" });
  expect(error.message).toContain(
    "on the private registry registry.gitlab.com, but stack organization/registry-access/dev holds credentials only for " +
      "no registry, and pulls ghcr.io through ECR's pull-through cache.",
  );
  expect(error.message).toContain(
    'add {"host":"registry.gitlab.com", ...} (with "pullThroughCache": true to pull through the account\'s ECR) to `registry-access:registries`',
  );
});

it("pulls an allow-listed public image without credentials", async () => {
  const run = await runService("dev", dev, {
    config: { "service:image": "docker.io/library/nginx:1.27" },
    profile: { publicImagePrefixes: ["docker.io/library/"] },
  });
  expect(fargateInputs(run).taskDefinitionArgs.container.repositoryCredentials).toBeUndefined();
});

it("refuses service:publicImagePrefixes in a stack file, pointing to the environment profile", async () => {
  const error = await failure("dev", { "service:publicImagePrefixes": JSON.stringify(["docker.io/library/"]) });
  expect(error.message).toContain('`service:publicImagePrefixes` is "["docker.io/library/"]" in Pulumi.dev.yaml');
  expect(error.message).toContain(
    "Fix: remove it from Pulumi.dev.yaml and add the prefixes to `publicImagePrefixes` of dev",
  );
});

it("needs no credentials for a private ECR image", async () => {
  const image = "111111111111.dkr.ecr.eu-central-1.amazonaws.com/api@sha256:" + "a".repeat(64);
  const run = await runService("dev", dev, { config: { "service:image": image } });
  expect(fargateInputs(run).taskDefinitionArgs.container.repositoryCredentials).toBeUndefined();
});

// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import * as path from "node:path";
import { ConfigError, staticConfigSource } from "@platform/config";
import { registryAccessContract } from "@platform/contracts";
import { type PolicyDocument } from "@platform/iam";
import { evaluateAccess } from "@platform/iam/access";
import { type ProgramRun, runProgram } from "@platform/testing";
import { registryAccessConfig } from "../src/config";
import { amazonEcsTaskExecutionRolePolicy } from "./managed-policy";

const projectDir = path.resolve(__dirname, "..");
const REPOSITORIES = "arn:aws:ecr:eu-central-1:111111111111:repository/ghcr-dev/*";
let dev: ProgramRun;

beforeAll(async () => {
  dev = await runProgram({ projectDir, env: "dev" });
});

describe("dev, whose ghcr.io entry sets pullThroughCache", () => {
  it("creates the rule for ghcr.io under the prefix ghcr-dev, reading the ecr-pullthroughcache/ secret", () => {
    const rule = dev.one("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
    const secret = dev.one("aws:secretsmanager/secret:Secret");
    expect(rule.inputs).toMatchObject({ ecrRepositoryPrefix: "ghcr-dev", upstreamRegistryUrl: "ghcr.io" });
    expect(rule.inputs.credentialArn).toBe(secret.state.arn);
    expect(secret.inputs.namePrefix).toBe("ecr-pullthroughcache/ghcr-dev-");
    expect(secret.inputs.kmsKeyId).toBeUndefined();
  });

  it("gives the cache's repositories encryption, immutable tags and a lifecycle policy", () => {
    const template = dev.one("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate").inputs;
    expect(template).toMatchObject({
      prefix: "ghcr-dev",
      appliedFors: ["PULL_THROUGH_CACHE"],
      imageTagMutability: "IMMUTABLE",
      encryptionConfigurations: [{ encryptionType: "AES256" }],
    });
    const rules = (JSON.parse(template.lifecyclePolicy as string) as { rules: { action: { type: string } }[] }).rules;
    expect(rules.map((rule) => rule.action.type)).toEqual(["expire", "expire"]);
  });

  it("exports where services pull ghcr.io images from, and no repositoryCredentials secret for it", () => {
    expect(registryAccessContract.schema.safeParse(dev.outputs).error).toBeUndefined();
    expect(dev.outputs.pullThroughCaches).toEqual({
      "ghcr.io": "111111111111.dkr.ecr.eu-central-1.amazonaws.com/ghcr-dev",
    });
    expect(dev.outputs.registryCredentials).toEqual({});
  });

  it("grants the execution role the import actions on exactly the prefix's repositories, and no secret read", () => {
    const policy = JSON.parse(dev.one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string) as PolicyDocument;
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: expect.arrayContaining(["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]),
        Resource: [REPOSITORIES],
      }),
    ]);
  });

  it.each([
    ["ecr:BatchImportUpstreamImage", "ghcr-dev/jonashackt/app", true],
    ["ecr:CreateRepository", "ghcr-dev/jonashackt/app", true],
    ["ecr:BatchImportUpstreamImage", "other/app", false],
    ["ecr:CreateRepository", "ghcr-dev", false],
  ])("IAM allows %s on repository %s: %s", async (action, repository, allowed) => {
    const policy = JSON.parse(dev.one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string) as PolicyDocument;
    const decision = await evaluateAccess({
      identityPolicies: [policy, amazonEcsTaskExecutionRolePolicy],
      action,
      resource: `arn:aws:ecr:eu-central-1:111111111111:repository/${repository}`,
    });
    expect(decision.allowed).toBe(allowed);
  });
});

it("writes {username, accessToken} from a secret token into the cache's secret, never the token in the clear", async () => {
  const run = await runProgram({
    projectDir,
    env: "dev",
    config: {
      "registry-access:registries": JSON.stringify([{ host: "docker.io", username: "acme", pullThroughCache: true }]),
      "registry-access:token-docker-io": "dckr_pat_exampleToken",
    },
    secretKeys: ["registry-access:token-docker-io"],
  });
  const version = run.one("aws:secretsmanager/secretVersion:SecretVersion").inputs;
  expect(JSON.parse((version.secretString as { value: string }).value)).toEqual({
    username: "acme",
    accessToken: "dckr_pat_exampleToken",
  });
  expect(run.one("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").inputs).toMatchObject({
    ecrRepositoryPrefix: "docker-hub-dev",
    upstreamRegistryUrl: "registry-1.docker.io",
  });
  expect(JSON.stringify(run.outputs)).not.toContain("dckr_pat_exampleToken");
});

describe("config", () => {
  const problems = (registries: unknown): string => {
    const source = staticConfigSource("dev", { "registry-access:registries": JSON.stringify(registries) }, []);
    try {
      registryAccessConfig(source);
    } catch (error) {
      return (error as ConfigError).message;
    }
    throw new Error("the config was accepted");
  };

  it("refuses pullThroughCache on a host ECR cannot pull from with credentials, naming the hosts it can", () => {
    expect(problems([{ host: "quay.io", tokenSource: "external", pullThroughCache: true }])).toContain(
      '`registry-access:registries[0].pullThroughCache` is "true" in Pulumi.dev.yaml: ECR\'s pull-through cache cannot ' +
        "pull from quay.io with credentials; it can for docker.io, ghcr.io, registry.gitlab.com, cgr.dev, " +
        "<name>.azurecr.io. Self-hosted GitLab, private Quay, Artifactory and Google's registries keep " +
        "`repositoryCredentials`.\n    Fix: remove `pullThroughCache` from this entry of Pulumi.dev.yaml",
    );
  });

  it("refuses a repository prefix ECR refuses, and offers one it accepts", () => {
    const entry = { host: "acme01.azurecr.io", tokenSource: "external", pullThroughCache: true };
    expect(problems([{ ...entry, ecrRepositoryPrefix: "Acme_" }])).toContain(
      "Fix: set `ecrRepositoryPrefix: acr-acme01-dev` in this entry of Pulumi.dev.yaml",
    );
    const accepted = staticConfigSource("dev", { "registry-access:registries": JSON.stringify([entry]) }, []);
    expect(registryAccessConfig(accepted).registries[0]!.pullThroughCache).toEqual({
      upstreamRegistryUrl: "acme01.azurecr.io",
      ecrRepositoryPrefix: "acr-acme01-dev",
    });
  });

  it("refuses a repository prefix without the cache", () => {
    expect(problems([{ host: "registry.gitlab.com", tokenSource: "external", ecrRepositoryPrefix: "gl" }])).toContain(
      "a repository prefix is only used by ECR's pull-through cache, which this entry does not turn on.",
    );
  });
});

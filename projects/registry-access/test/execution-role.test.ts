import { ENVIRONMENTS } from "@platform/config/environments";
import * as path from "node:path";
import { registryAccessContract } from "@platform/contracts";
import { type PolicyDocument } from "@platform/iam";
import { evaluateAccess } from "@platform/iam/access";
import { type ProgramRun, runProgram } from "@platform/testing";
import { amazonEcsTaskExecutionRolePolicy } from "./managed-policy";

const projectDir = path.resolve(__dirname, "..");
const ENVS = ENVIRONMENTS;
const ACCOUNTS = { dev: "111111111111", staging: "222222222222", prod: "333333333333" };
const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const env of ENVS) runs.set(env, await runProgram({ projectDir, env }));
});
const run = (env: string) => runs.get(env)!;
const inlinePolicy = (env: string): PolicyDocument =>
  JSON.parse(run(env).one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string) as PolicyDocument;
const ghcrSecret = (env: string) => (run(env).outputs.registryCredentials as Record<string, string>)["ghcr.io"]!;

/** The environments whose ghcr.io images are pulled with repositoryCredentials (dev pulls through ECR's cache). */
const CREDENTIALED = ENVS.filter((env) => env !== "dev");

describe.each(ENVS)("registry-access/%s", (env) => {
  it("exports the registry-access contract", () => {
    expect(registryAccessContract.schema.safeParse(run(env).outputs).error).toBeUndefined();
  });

  it("exports what the execution role may do: the inline policy it holds and its one managed policy", () => {
    const exported = run(env).outputs.executionRolePolicies as {
      inlinePolicies: Array<{ document: string }>;
      managedPolicyArns: string[];
    };
    expect(exported.inlinePolicies.map((policy) => JSON.parse(policy.document) as unknown)).toEqual([
      inlinePolicy(env),
    ]);
    expect(exported.managedPolicyArns).toEqual([
      run(env).one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn,
    ]);
  });

  it("trusts only ecs-tasks.amazonaws.com, with no condition key AWS does not document for the execution role", () => {
    const trust: PolicyDocument = JSON.parse(
      run(env).one("aws:iam/role:Role").inputs.assumeRolePolicy as string,
    ) as PolicyDocument;
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toEqual({
      Sid: "EcsTasksAssumeExecutionRole",
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
  });

  it("attaches no managed policy beyond AmazonECSTaskExecutionRolePolicy", () => {
    const r = run(env);
    expect(r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    ]);
    expect(r.one("aws:iam/role:Role").inputs.managedPolicyArns).toBeUndefined();
  });
});

describe.each(CREDENTIALED)("registry-access/%s, with repositoryCredentials", (env) => {
  it("exports the ghcr.io secret ARN as its registry credentials", () => {
    expect(Object.keys(run(env).outputs.registryCredentials as object)).toEqual(["ghcr.io"]);
    expect(ghcrSecret(env)).toBe(run(env).one("aws:secretsmanager/secret:Secret").state.arn);
  });

  it("lets the execution role read exactly the registry secret, with no wildcard resource", () => {
    const [secrets] = inlinePolicy(env).Statement;
    expect(secrets).toMatchObject({
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: [ghcrSecret(env)],
    });
    expect(JSON.stringify(inlinePolicy(env))).not.toContain("*");
  });

  describe("proven with the IAM simulator", () => {
    const decide = (action: string, resource: string) =>
      evaluateAccess({
        identityPolicies: [inlinePolicy(env), amazonEcsTaskExecutionRolePolicy],
        action,
        resource,
      }).then((d) => d.allowed);

    it("allows GetSecretValue on the registry secret", async () => {
      await expect(decide("secretsmanager:GetSecretValue", ghcrSecret(env))).resolves.toBe(true);
    });
    it("denies GetSecretValue on another secret in the same account", async () => {
      const other = `arn:aws:secretsmanager:eu-central-1:${ACCOUNTS[env]}:secret:prod/database-password-Xy12Zq`;
      await expect(decide("secretsmanager:GetSecretValue", other)).resolves.toBe(false);
    });
    it("denies PutSecretValue on the registry secret", async () => {
      await expect(decide("secretsmanager:PutSecretValue", ghcrSecret(env))).resolves.toBe(false);
    });
  });
});

it.each([
  ["dev", false],
  ["staging", false],
  ["prod", true],
])("%s: a customer-managed key = %s, and kms:Decrypt only with it", (env, withKey) => {
  const r = run(env);
  const keys = r.ofType("aws:kms/key:Key");
  const decrypts = inlinePolicy(env).Statement.filter((s) => JSON.stringify(s.Action).includes("kms:Decrypt"));
  expect([keys.length, decrypts.length, "kmsKeyArn" in r.outputs]).toEqual(withKey ? [1, 1, true] : [0, 0, false]);
});

it("prod: rotates its key, decrypts only with it through Secrets Manager, and encrypts the secret with it", () => {
  const r = run("prod");
  const key = r.one("aws:kms/key:Key");
  const decrypts = inlinePolicy("prod").Statement.filter((s) => JSON.stringify(s.Action).includes("kms:Decrypt"));
  expect(key.inputs.enableKeyRotation).toBe(true);
  expect(decrypts).toEqual([
    expect.objectContaining({
      Resource: key.state.arn,
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" } },
    }),
  ]);
  expect(r.one("aws:secretsmanager/secret:Secret").inputs.kmsKeyId).toBe(key.state.arn);
  expect(r.outputs.kmsKeyArn).toBe(key.state.arn);
});

// The execution role lives in registry-access; the service stack sees it only through the upstream-stack component
// @platform/contracts registers, whose state carries the upstream outputs (the engine never sends the StackReference itself).
// The proof must hold across that boundary.
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import { resource, taskDefinition, EXECUTION_ROLE_ARN, KMS_KEY_ARN, SECRET_ARN } from "../support/fixtures";
import { allow, secretRead } from "../support/fixtures-iam";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "execution-role-can-read-registry-secret";
const stack = "acme/registry-access/dev";
const otherSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry/docker.io-XyZ123";

/** The upstream-stack component as the engine records it: `name`, and the upstream stack's `outputs`. */
function registryAccessReference(
  inline: object,
  extra: Record<string, unknown> = {},
  managed = [ecsTaskExecutionManagedPolicyArn()],
) {
  return resource("platform:contracts:UpstreamStack", "registry-access", {
    name: stack,
    outputs: {
      executionRoleArn: EXECUTION_ROLE_ARN,
      registryCredentials: { "ghcr.io": SECRET_ARN },
      executionRolePolicies: {
        inlinePolicies: [{ name: "registry-secrets", document: JSON.stringify(inline) }],
        managedPolicyArns: managed,
      },
      ...extra,
    },
    secretOutputNames: [],
  });
}

describe("execution-role-can-read-registry-secret across stacks", () => {
  it("accepts a task whose role, exported by registry-access, may read exactly its secret", async () => {
    expect(summarize(await analyzeAll(pack, [registryAccessReference(secretRead()), taskDefinition()]))).toEqual([]);
  });

  it("rejects the task when registry-access grants another secret, naming the role, the secret and the action", async () => {
    const reference = registryAccessReference(allow("secretsmanager:GetSecretValue", otherSecret));
    const finding = onlyFinding(await analyzeAll(pack, [reference, taskDefinition()]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toContain(`reads registry credentials from \`${SECRET_ARN}\``);
    expect(finding.detail).toContain(
      `but execution role \`${EXECUTION_ROLE_ARN}\` (exported by stack \`${stack}\`) cannot`,
    );
    expect(finding.detail).toContain("secretsmanager:GetSecretValue is ImplicitlyDenied");
    expect(finding.detail).toContain(`in stack \`${stack}\`, which owns the role`);
  });

  it("rejects the task when the secrets' key is exported and the role may not decrypt with it", async () => {
    const reference = registryAccessReference(secretRead(), { kmsKeyArn: KMS_KEY_ARN });
    const finding = onlyFinding(await analyzeAll(pack, [reference, taskDefinition()]), rule);
    expect(finding.detail).toContain(`encrypted with \`${KMS_KEY_ARN}\``);
    expect(finding.detail).toContain(
      "cannot decrypt it: kms:Decrypt via secretsmanager.us-east-1.amazonaws.com is ImplicitlyDenied",
    );
  });

  it("accepts the key when the role may decrypt with it through Secrets Manager", async () => {
    const reference = registryAccessReference(secretRead(KMS_KEY_ARN), { kmsKeyArn: KMS_KEY_ARN });
    expect(summarize(await analyzeAll(pack, [reference, taskDefinition()]))).toEqual([]);
  });

  it("says which managed policies it could not read when the exported inline policies do not grant the read", async () => {
    const custom = "arn:aws:iam::123456789012:policy/registry-read";
    const reference = registryAccessReference(allow("logs:PutLogEvents", "*"), {}, [custom]);
    expect(onlyFinding(await analyzeAll(pack, [reference, taskDefinition()]), rule).detail).toContain(
      `its managed policies \`${custom}\` were not read`,
    );
  });

  it("reads no StackReference: the engine sends the pack none, so its outputs prove nothing either way", async () => {
    const denying = registryAccessReference(allow("secretsmanager:GetSecretValue", otherSecret));
    const bare = { ...denying, type: "pulumi:pulumi:StackReference" };
    expect(summarize(await analyzeAll(pack, [bare, taskDefinition()]))).toEqual([]);
  });

  it("leaves a role that no upstream-stack component of the stack carries to the stack that owns it", async () => {
    const unrelated = resource("platform:contracts:UpstreamStack", "networking", {
      name: "acme/networking/dev",
      outputs: { vpcId: "vpc-0a1b2c3d" },
    });
    expect(summarize(await analyzeAll(pack, [unrelated, taskDefinition()]))).toEqual([]);
  });
});

// The rule looks roles, secrets, keys and upstream-stack components up through indexes built once per request, and
// asks iam-simulate through @platform/iam accessEvaluator (bench/). These cases pin what that must not change:
// every task that shares a role or a question still gets its own finding, and a key is still found by ID.
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import { resource, taskDefinition, urnOf, EXECUTION_ROLE_ARN, KMS_KEY_ARN, SECRET_ARN } from "../support/fixtures";
import { allow, executionRole, kmsKey, registrySecret, secretRead } from "../support/fixtures-iam";
import { detailsOf } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "execution-role-can-read-registry-secret";
const otherSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry/docker.io-XyZ123";
const keyId = KMS_KEY_ARN.split("/").at(-1)!;

const findingsOf = async (stack: Parameters<typeof analyzeAll>[1]) =>
  (await analyzeAll(pack, stack)).filter((finding) => finding.policyName === rule);

describe("execution-role-can-read-registry-secret with shared roles and keys", () => {
  it("reports each task of a role that cannot read the secret, not only the first", async () => {
    const tasks = [taskDefinition({}, "api"), taskDefinition({ family: "worker" }, "worker")];
    const findings = await findingsOf([executionRole({ inlinePolicies: [] }), ...tasks]);
    expect(findings.map((finding) => finding.urn)).toEqual(tasks.map(urnOf));
    expect(findings.every((finding) => finding.detail.includes("GetSecretValue is ImplicitlyDenied"))).toBe(true);
  });

  it("reports each task whose role, exported by registry-access, grants another secret", async () => {
    const reference = resource("platform:contracts:UpstreamStack", "registry-access", {
      name: "acme/registry-access/dev",
      outputs: {
        executionRoleArn: EXECUTION_ROLE_ARN,
        registryCredentials: { "ghcr.io": SECRET_ARN },
        executionRolePolicies: {
          inlinePolicies: [
            { name: "registry-secrets", document: JSON.stringify(allow("secretsmanager:GetSecretValue", otherSecret)) },
          ],
          managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
        },
      },
      secretOutputNames: [],
    });
    const tasks = [taskDefinition({}, "api"), taskDefinition({ family: "worker" }, "worker")];
    const findings = await findingsOf([reference, ...tasks]);
    expect(findings.map((finding) => finding.urn)).toEqual(tasks.map(urnOf));
  });

  it("finds the secret's customer-managed key by its key ID as well as by its ARN", async () => {
    const stack = [
      kmsKey({ keyId }),
      registrySecret({ kmsKeyId: keyId }),
      executionRole({ inlinePolicies: [{ name: "read", policy: JSON.stringify(secretRead()) }] }),
      taskDefinition(),
    ];
    expect(detailsOf(await analyzeAll(pack, stack), rule)).toEqual([
      expect.stringContaining(`encrypted with \`${KMS_KEY_ARN}\`, but execution role \`api-execution\` cannot decrypt`),
    ]);
  });
});

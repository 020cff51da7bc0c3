import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import {
  awsxFargateService,
  awsxTaskDefinitionArgs,
  taskDefinition,
  urnOf,
  KMS_KEY_ARN,
  SECRET_ARN,
} from "../support/fixtures";
import { allow, executionRole, kmsKey, managedAttachment, registrySecret, secretRead } from "../support/fixtures-iam";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "execution-role-can-read-registry-secret";
const otherSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry/docker.io-XyZ123";
const withInline = (document: object) =>
  executionRole({ inlinePolicies: [{ name: "read", policy: JSON.stringify(document) }] });

describe("execution-role-can-read-registry-secret", () => {
  it("accepts a task whose execution role in the stack may read exactly its secret", async () => {
    const role = executionRole();
    expect(summarize(await analyzeAll(pack, [role, managedAttachment(role), taskDefinition()]))).toEqual([]);
  });

  it("rejects a task whose execution role has only AmazonECSTaskExecutionRolePolicy", async () => {
    const role = executionRole({ inlinePolicies: [] });
    const finding = onlyFinding(await analyzeAll(pack, [role, managedAttachment(role), taskDefinition()]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.urn).toBe(urnOf(taskDefinition()));
    expect(finding.detail).toMatch(
      new RegExp(
        `^Container \`app\` of \`api\` reads registry credentials from \`${SECRET_ARN}\`, but execution role \`api-execution\` cannot: secretsmanager:GetSecretValue is ImplicitlyDenied`,
      ),
    );
  });

  it("rejects a role that may read a different secret only", async () => {
    const finding = onlyFinding(
      await analyzeAll(pack, [withInline(allow("secretsmanager:GetSecretValue", otherSecret)), taskDefinition()]),
      rule,
    );
    expect(finding.detail).toContain("ImplicitlyDenied");
  });

  it("honours an explicit Deny in a RolePolicy of the same role", async () => {
    const deny = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN }],
    };
    const rolePolicy = {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "guardrail",
      props: { role: "api-execution", policy: JSON.stringify(deny) },
    };
    expect(onlyFinding(await analyzeAll(pack, [executionRole(), rolePolicy, taskDefinition()]), rule).detail).toContain(
      "ExplicitlyDenied",
    );
  });

  it("finds the role through the property dependency when its ARN is unknown during preview", async () => {
    const role = executionRole({ inlinePolicies: [], arn: PREVIEW_UNKNOWN });
    const task = {
      ...taskDefinition({ executionRoleArn: PREVIEW_UNKNOWN }),
      propertyDependencies: { executionRoleArn: [urnOf(role)] },
    };
    expect(detailsOf(await analyzeAll(pack, [role, task]), rule)).toEqual([
      expect.stringContaining("cannot: secretsmanager:GetSecretValue is ImplicitlyDenied"),
    ]);
  });

  it("rejects a role that reads the secret but cannot decrypt its customer-managed key", async () => {
    const secret = registrySecret({ kmsKeyId: KMS_KEY_ARN });
    const finding = onlyFinding(await analyzeAll(pack, [kmsKey(), secret, executionRole(), taskDefinition()]), rule);
    expect(finding.detail).toContain(
      `encrypted with \`${KMS_KEY_ARN}\`, but execution role \`api-execution\` cannot decrypt it: kms:Decrypt via secretsmanager.us-east-1.amazonaws.com is ImplicitlyDenied`,
    );
  });

  it("accepts kms:Decrypt on the key through Secrets Manager", async () => {
    const stack = [
      kmsKey(),
      registrySecret({ kmsKeyId: KMS_KEY_ARN }),
      withInline(secretRead(KMS_KEY_ARN)),
      taskDefinition(),
    ];
    expect(summarize(await analyzeAll(pack, stack))).toEqual([]);
  });

  it("catches awsx's default execution role, which cannot read any secret", async () => {
    const service = awsxFargateService({ taskDefinitionArgs: awsxTaskDefinitionArgs({ executionRole: undefined }) });
    // awsx's default role also trips ecs-trust-confused-deputy; this rule's own finding is the point here.
    expect(detailsOf(await analyzeAll(pack, [service]), rule)).toEqual([
      expect.stringMatching(
        /^\[mandatory\] Container `app` of `api` reads .*, but the execution role awsx creates for `api` cannot: secretsmanager:GetSecretValue is ImplicitlyDenied.*: awsx's default role .* pass its ARN as `taskDefinitionArgs\.executionRole\.roleArn`/,
      ),
    ]);
  });

  it("leaves an execution role from another stack to that stack", async () => {
    expect(summarize(await analyzeAll(pack, [taskDefinition()]))).toEqual([]);
  });
});

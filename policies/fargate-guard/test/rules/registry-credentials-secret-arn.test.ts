import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, awsxTaskDefinitionArgs, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "registry-credentials-secret-arn";
const withParameter = (credentialsParameter: string) =>
  taskDefinition({ containers: [container({ repositoryCredentials: { credentialsParameter } })] });

describe("registry-credentials-secret-arn", () => {
  it("accepts a full Secrets Manager secret ARN", async () => {
    expect(summarize(await pack.analyze(taskDefinition()))).toEqual([]);
  });

  it.each([
    ["an SSM parameter", "arn:aws:ssm:us-east-1:123456789012:parameter/ghcr-token", "is an SSM parameter"],
    ["a wildcard", "arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-*", "contains a wildcard"],
    [
      "a placeholder region",
      "arn:aws:secretsmanager:awsRegionHere:123456789012:secret:ghcr-AbCdEf",
      "has `awsRegionHere` where a region",
    ],
    [
      "a placeholder account",
      "arn:aws:secretsmanager:us-east-1:yourAccountIdHere:secret:ghcr-AbCdEf",
      "has `yourAccountIdHere` where a 12-digit account ID belongs",
    ],
    ["a bare secret name", "registry/ghcr.io", "is not an ARN"],
    [
      "a partial ARN without the 6-character suffix",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr",
      "is not a full secret ARN",
    ],
    [
      "a region of another partition",
      "arn:aws-cn:secretsmanager:us-east-1:123456789012:secret:ghcr-AbCdEf",
      "names partition `aws-cn`, but us-east-1 is in `aws`",
    ],
    ["an S3 ARN", "arn:aws:s3:::registry-credentials", "is a s3 ARN, not a Secrets Manager secret"],
    [
      "a Secrets Manager ARN that names no secret",
      "arn:aws:secretsmanager:us-east-1:123456789012:rotation:ghcr-AbCdEf",
      "is a secretsmanager ARN, not a Secrets Manager secret",
    ],
    [
      "a single-character wildcard",
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-AbCdE?",
      "contains a wildcard",
    ],
  ])("rejects %s", async (_label, parameter, reason) => {
    const finding = onlyFinding(await pack.analyze(withParameter(parameter)), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toContain(
      `Container \`app\` reads registry credentials from \`${parameter}\`, which ${reason}`,
    );
  });

  it("says what to use instead, and the form it has", async () => {
    const parameter = "registry/ghcr.io";
    expect(onlyFinding(await pack.analyze(withParameter(parameter)), rule).detail).toBe(
      `Container \`app\` reads registry credentials from \`${parameter}\`, which is not an ARN. Use the secret's ARN ` +
        "output instead (arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>).",
    );
  });

  it("reports each placeholder of a copied example ARN as its own finding", async () => {
    const findings = await pack.analyze(
      withParameter("arn:aws:secretsmanager:awsRegionHere:yourAccountIdHere:secret:ghcr-AbCdEf"),
    );
    expect(summarize(findings)).toEqual([
      expect.stringContaining("has `awsRegionHere` where a region"),
      expect.stringContaining("has `yourAccountIdHere` where a 12-digit account ID belongs"),
    ]);
  });

  it("checks the awsx layer too", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: container({
          repositoryCredentials: { credentialsParameter: "arn:aws:ssm:us-east-1:123456789012:parameter/ghcr" },
        }),
      }),
    });
    expect(onlyFinding(await pack.analyze(service), rule).detail).toContain("is an SSM parameter");
  });
});

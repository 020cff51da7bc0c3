import { type PolicyDocument } from "../src";
import { AccessEvaluationError, evaluateAccess } from "../src/access";

const secret = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/ghcr.io-AbCdEf";
const allowAll: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
const denyRead: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "NoSecrets", Effect: "Deny", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
};

describe("evaluateAccess", () => {
  it("reports an explicit deny that overrides an allow, naming the statement", async () => {
    const decision = await evaluateAccess({
      identityPolicies: [allowAll, denyRead],
      action: "secretsmanager:GetSecretValue",
      resource: secret,
    });
    expect(decision).toMatchObject({ allowed: false, result: "ExplicitlyDenied" });
    expect(decision.explanation.join("\n")).toMatch(/denied by identity-policy-2#NoSecrets/);
  });

  it("denies implicitly when no policy is given", async () => {
    expect(
      await evaluateAccess({ identityPolicies: [], action: "secretsmanager:GetSecretValue", resource: secret }),
    ).toMatchObject({
      allowed: false,
      result: "ImplicitlyDenied",
    });
  });

  it("lists context keys that do not apply to the action", async () => {
    const decision = await evaluateAccess({
      identityPolicies: [allowAll],
      action: "secretsmanager:GetSecretValue",
      resource: secret,
      context: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" },
    });
    expect(decision.ignoredContextKeys).toEqual(["kms:ViaService"]);
  });

  it("throws AccessEvaluationError for an action IAM does not know", async () => {
    await expect(
      evaluateAccess({ identityPolicies: [allowAll], action: "secretsmanager:GetSecretValues", resource: secret }),
    ).rejects.toThrow(AccessEvaluationError);
  });

  it("asks for principalArn when the resource names no account", async () => {
    await expect(
      evaluateAccess({ identityPolicies: [allowAll], action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key" }),
    ).rejects.toThrow(/names no account; pass `principalArn`/);
  });

  it("evaluates a resource without an account for an explicit principal", async () => {
    const decision = await evaluateAccess({
      identityPolicies: [allowAll],
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/key",
      principalArn: "arn:aws:iam::111111111111:role/reader",
    });
    expect(decision.allowed).toBe(true);
  });
});

import { type PolicyDocument } from "../src";
import { AccessEvaluationError, accessEvaluator, evaluateAccess, type EvaluateAccessArgs } from "../src/access";

const account = "111111111111";
const secret = `arn:aws:secretsmanager:eu-central-1:${account}:secret:registry/ghcr.io-AbCdEf`;
const otherSecret = `arn:aws:secretsmanager:eu-central-1:${account}:secret:app/db-XyZ123`;
const key = `arn:aws:kms:eu-central-1:${account}:key/0f6e2b54-2f4c-4d8e-9a63-1c2b3d4e5f60`;
const roleA = `arn:aws:iam::${account}:role/api-execution`;
const roleB = `arn:aws:iam::${account}:role/worker-execution`;
const foreignRole = "arn:aws:iam::222222222222:role/api-execution";

const documentOf = (...Statement: Record<string, unknown>[]) =>
  ({ Version: "2012-10-17", Statement }) as unknown as PolicyDocument;
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) =>
  documentOf({ Effect: "Allow", Action, Resource, ...extra });

/** Documents that allow, deny and half-allow, in every shape the pack meets. */
const documentSets: Record<string, PolicyDocument[]> = {
  "exact grant": [allow("secretsmanager:GetSecretValue", secret)],
  "AWS's documented statement": [allow(["kms:Decrypt", "secretsmanager:GetSecretValue"], [secret, key])],
  everything: [allow("*", "*")],
  "action wildcard": [allow("secretsmanager:Get*", secret)],
  "secret-name wildcard": [
    allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:eu-central-1:${account}:secret:registry/*`),
  ],
  "any secret anywhere": [allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*")],
  "another secret only": [allow("secretsmanager:GetSecretValue", otherSecret)],
  "the key only": [allow("secretsmanager:GetSecretValue", key)],
  "NotResource excluding another secret": [
    documentOf({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: otherSecret }),
  ],
  "NotResource excluding this secret": [
    documentOf({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: secret }),
  ],
  NotAction: [documentOf({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })],
  "allow then deny": [
    allow("secretsmanager:GetSecretValue", secret),
    documentOf({ Effect: "Deny", Action: "secretsmanager:*", Resource: "*" }),
  ],
  "deny elsewhere": [
    allow("secretsmanager:GetSecretValue", secret),
    documentOf({ Effect: "Deny", Action: "secretsmanager:GetSecretValue", NotResource: secret }),
  ],
  "only for role A": [
    allow("secretsmanager:GetSecretValue", secret, { Condition: { StringEquals: { "aws:PrincipalArn": roleA } } }),
  ],
  "tagged secrets only": [
    allow("secretsmanager:GetSecretValue", "*", { Condition: { StringEquals: { "aws:ResourceTag/team": "api" } } }),
  ],
  "policy variable": [
    allow(
      "secretsmanager:GetSecretValue",
      `arn:aws:secretsmanager:eu-central-1:${account}:secret:\${aws:PrincipalTag/app}-*`,
    ),
  ],
  none: [],
};

const questions: Omit<EvaluateAccessArgs, "identityPolicies">[] = [roleA, roleB, foreignRole].flatMap((principalArn) =>
  [secret, otherSecret].flatMap((resource) =>
    ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"].map((action) => ({
      action,
      resource,
      principalArn,
    })),
  ),
);

describe("accessEvaluator", () => {
  it("answers every question as evaluateAccess does, shortcut or not", async () => {
    const evaluate = accessEvaluator();
    const mismatches: string[] = [];
    let shortcuts = 0;
    for (const [name, identityPolicies] of Object.entries(documentSets)) {
      for (const question of questions) {
        const args = { ...question, identityPolicies };
        const [fast, full] = await Promise.all([evaluate(args), evaluateAccess(args)]);
        if (fast.result !== full.result || fast.allowed !== full.allowed)
          mismatches.push(
            `${name}, ${question.action} on ${question.resource} by ${question.principalArn}: ${fast.result} ≠ ${full.result}`,
          );
        if (fast.allowed && fast.explanation.length === 0) shortcuts++;
      }
    }
    expect(mismatches).toEqual([]);
    // The comparison means something only if the shortcut answered many of them.
    expect(shortcuts).toBeGreaterThan(30);
  });

  it("explains every refusal, naming the statement", async () => {
    const evaluate = accessEvaluator();
    const args = { action: "secretsmanager:GetSecretValue", resource: secret, principalArn: roleA };
    await evaluate({ ...args, identityPolicies: documentSets["exact grant"]! });
    const refused = await evaluate({ ...args, identityPolicies: documentSets["allow then deny"]! });
    expect(refused).toMatchObject({ allowed: false, result: "ExplicitlyDenied" });
    expect(refused.explanation.join("\n")).toMatch(/denied by identity-policy-2#/);
  });

  it("rejects a document the simulator rejects, even after the request was accepted", async () => {
    const evaluate = accessEvaluator();
    const args = { action: "secretsmanager:GetSecretValue", resource: secret, principalArn: roleA };
    await evaluate({ ...args, identityPolicies: documentSets["exact grant"]! });
    const invalid = documentOf({ Effect: "Permit", Action: "secretsmanager:GetSecretValue", Resource: secret });
    await expect(evaluate({ ...args, identityPolicies: [invalid] })).rejects.toThrow(AccessEvaluationError);
  });

  it("judges in full a request it has not accepted, even after accepting another", async () => {
    const evaluate = accessEvaluator();
    const identityPolicies = [allow("*", "*")];
    const principalArn = roleA;
    await evaluate({ identityPolicies, action: "secretsmanager:GetSecretValue", resource: secret, principalArn });
    // A key is no resource of GetSecretValue: the simulator refuses the request, the engine alone would allow it.
    await expect(
      evaluate({ identityPolicies, action: "secretsmanager:GetSecretValue", resource: key, principalArn }),
    ).rejects.toThrow(/no\.resource\.types/);
  });

  it("evaluates the same question once", () => {
    const evaluate = accessEvaluator();
    const args = {
      action: "secretsmanager:GetSecretValue",
      resource: secret,
      identityPolicies: documentSets["exact grant"]!,
    };
    expect(evaluate(args)).toBe(evaluate({ ...args }));
  });
});

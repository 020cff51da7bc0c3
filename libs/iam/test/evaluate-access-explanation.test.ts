import { kmsKeyPolicyDelegatingToIam, type PolicyDocument } from "../src";
import { evaluateAccess } from "../src/access";

// The explanation is what a refused check quotes to the user: which layer decided, by which statement.
const account = "111111111111";
const secret = `arn:aws:secretsmanager:eu-central-1:${account}:secret:registry/ghcr.io-AbCdEf`;
const key = `arn:aws:kms:eu-central-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const documentOf = (...Statement: Record<string, unknown>[]) =>
  ({ Version: "2012-10-17", Statement }) as unknown as PolicyDocument;
const read = documentOf(
  { Sid: "Read", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secret },
  { Effect: "Allow", Action: "secretsmanager:*", Resource: "*" },
);
const decrypt = documentOf({ Sid: "Decrypt", Effect: "Allow", Action: "kms:Decrypt", Resource: key });

describe("evaluateAccess's explanation", () => {
  it("names every allowing statement of each identity policy, by Sid or by position, and a layer that did not apply", async () => {
    const decision = await evaluateAccess({
      identityPolicies: [documentOf(), read],
      action: "secretsmanager:GetSecretValue",
      resource: secret,
    });
    expect(decision).toEqual({
      allowed: true,
      result: "Allowed",
      explanation: [
        "identity: Allowed; allowed by identity-policy-2#Read, identity-policy-2#2",
        "resource: NotApplicable",
      ],
      ignoredContextKeys: [],
    });
  });

  it("names the resource policy's statement after its layer, whether it allows or denies", async () => {
    const allowed = await evaluateAccess({
      identityPolicies: [decrypt],
      action: "kms:Decrypt",
      resource: key,
      resourcePolicy: kmsKeyPolicyDelegatingToIam({ accountId: account }),
    });
    expect(allowed.explanation).toEqual([
      "identity: Allowed; allowed by identity-policy-1#Decrypt",
      "resource: AllowedForAccount; allowed by resource-policy#EnableIamPolicies",
    ]);
    const denied = await evaluateAccess({
      identityPolicies: [decrypt],
      action: "kms:Decrypt",
      resource: key,
      resourcePolicy: documentOf({
        Sid: "NoOne",
        Effect: "Deny",
        Principal: "*",
        Action: "kms:Decrypt",
        Resource: "*",
      }),
    });
    expect(denied).toMatchObject({ allowed: false, result: "ExplicitlyDenied" });
    expect(denied.explanation).toEqual([
      "identity: Allowed; allowed by identity-policy-1#Decrypt",
      "resource: ExplicitlyDenied; denied by resource-policy#NoOne",
    ]);
  });

  it("explains a wildcard resource once per resource pattern the policies name, and an ignored context key once", async () => {
    const decision = await evaluateAccess({
      identityPolicies: [read],
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:eu-central-1:${account}:secret:registry/*`,
      context: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" },
    });
    expect(decision.explanation).toEqual([
      "identity: Allowed; allowed by identity-policy-1#Read, identity-policy-1#2",
      "resource: NotApplicable",
      "identity: Allowed; allowed by identity-policy-1#Read, identity-policy-1#2",
      "resource: NotApplicable",
    ]);
    expect(decision.ignoredContextKeys).toEqual(["kms:ViaService"]);
  });
});

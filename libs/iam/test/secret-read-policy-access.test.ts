import { kmsKeyPolicyDelegatingToIam, secretReadPolicy, type PolicyDocument } from "../src";
import { evaluateAccess } from "../src/access";

// These tests prove the built document with the IAM simulator, not by reading its JSON.
const account = "111111111111";
const region = "eu-central-1";
const secret = `arn:aws:secretsmanager:${region}:${account}:secret:registry/ghcr.io-AbCdEf`;
const otherSecret = `arn:aws:secretsmanager:${region}:${account}:secret:registry/quay.io-XyZ123`;
const key = `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const otherKey = `arn:aws:kms:${region}:${account}:key/99999999-12ab-34cd-56ef-1234567890ab`;
const keyPolicy = kmsKeyPolicyDelegatingToIam({ accountId: account });
const viaSecretsManager = { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` };

async function decide(policy: PolicyDocument, action: string, resource: string, extra: object = {}) {
  return evaluateAccess({ identityPolicies: [policy], action, resource, ...extra });
}

describe("secretReadPolicy, evaluated by iam-simulate", () => {
  const withoutKey = secretReadPolicy({ secretArns: [secret], region });
  const withKey = secretReadPolicy({ secretArns: [secret], kmsKeyArn: key, region });

  it("allows GetSecretValue on the configured secret", async () => {
    const decision = await decide(withoutKey, "secretsmanager:GetSecretValue", secret);
    expect(decision).toMatchObject({ allowed: true, result: "Allowed" });
    expect(decision.explanation).toContain("identity: Allowed; allowed by identity-policy-1#ReadRegistryCredentials");
  });

  it("denies GetSecretValue on another secret in the same account", async () => {
    expect(await decide(withoutKey, "secretsmanager:GetSecretValue", otherSecret)).toMatchObject({
      allowed: false,
      result: "ImplicitlyDenied",
    });
  });

  it.each([
    ["secretsmanager:PutSecretValue"],
    ["secretsmanager:DescribeSecret"],
    ["secretsmanager:DeleteSecret"],
    ["secretsmanager:GetResourcePolicy"],
  ])("denies %s on the configured secret", async (action) => {
    expect((await decide(withKey, action, secret)).allowed).toBe(false);
  });

  it("allows GetSecretValue on each of several configured secrets", async () => {
    const both = secretReadPolicy({ secretArns: [secret, otherSecret], region });
    expect((await decide(both, "secretsmanager:GetSecretValue", secret)).allowed).toBe(true);
    expect((await decide(both, "secretsmanager:GetSecretValue", otherSecret)).allowed).toBe(true);
  });

  it("allows kms:Decrypt on the key when the call comes through Secrets Manager in the region", async () => {
    const decision = await decide(withKey, "kms:Decrypt", key, {
      context: viaSecretsManager,
      resourcePolicy: keyPolicy,
    });
    expect(decision).toMatchObject({ allowed: true, result: "Allowed", ignoredContextKeys: [] });
  });

  it("denies kms:Decrypt on the key without kms:ViaService", async () => {
    expect((await decide(withKey, "kms:Decrypt", key, { resourcePolicy: keyPolicy })).allowed).toBe(false);
  });

  it("denies kms:Decrypt on the key through another service or region", async () => {
    for (const via of ["s3.eu-central-1.amazonaws.com", "secretsmanager.us-east-1.amazonaws.com"]) {
      const decision = await decide(withKey, "kms:Decrypt", key, {
        context: { "kms:ViaService": via },
        resourcePolicy: keyPolicy,
      });
      expect(decision.allowed).toBe(false);
    }
  });

  it("denies kms:Decrypt on another key even through Secrets Manager", async () => {
    const decision = await decide(withKey, "kms:Decrypt", otherKey, {
      context: viaSecretsManager,
      resourcePolicy: keyPolicy,
    });
    expect(decision.allowed).toBe(false);
  });

  it("grants no kms:Decrypt at all when no key is given", async () => {
    expect(withoutKey.Statement.some((statement) => JSON.stringify(statement).includes("kms:"))).toBe(false);
    const decision = await decide(withoutKey, "kms:Decrypt", key, {
      context: viaSecretsManager,
      resourcePolicy: keyPolicy,
    });
    expect(decision.allowed).toBe(false);
  });

  it("needs the key policy to delegate to IAM, as KMS does", async () => {
    expect((await decide(withKey, "kms:Decrypt", key, { context: viaSecretsManager })).allowed).toBe(false);
  });
});

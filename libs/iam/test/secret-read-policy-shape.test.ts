import { policyValidationErrors, secretReadPolicy } from "../src";

const region = "eu-central-1";
const secret = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/ghcr.io-AbCdEf";
const key = "arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("secretReadPolicy document", () => {
  it("names exactly the secret and the key, the key only through Secrets Manager", () => {
    expect(secretReadPolicy({ secretArns: [secret, secret], kmsKeyArn: key, region })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadRegistryCredentials",
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: [secret],
        },
        {
          Sid: "DecryptRegistryCredentialsViaSecretsManager",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: key,
          Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" } },
        },
      ],
    });
  });

  it("is a valid identity policy by IAM's grammar", () => {
    expect(
      policyValidationErrors(secretReadPolicy({ secretArns: [secret], kmsKeyArn: key, region }), "identity"),
    ).toEqual([]);
  });

  it.each([
    ["an empty list", { secretArns: [], region }, /`secretArns` is empty/],
    [
      "a wildcard secret",
      { secretArns: ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:*"], region },
      /is not a full secret ARN/,
    ],
    [
      "a placeholder secret",
      { secretArns: ["arn:aws:secretsmanager:awsRegionHere:yourAccountIdHere:secret:x"], region },
      /is not a full secret ARN/,
    ],
    [
      "an SSM parameter",
      { secretArns: ["arn:aws:ssm:eu-central-1:111111111111:parameter/registry"], region },
      /is not a full secret ARN/,
    ],
    ['a bare "*"', { secretArns: ["*"], region }, /"\*" in `secretArns` is not a full secret ARN/],
    [
      "a key alias",
      { secretArns: [secret], kmsKeyArn: "arn:aws:kms:eu-central-1:111111111111:alias/registry", region },
      /is not a key ARN/,
    ],
    [
      "a wildcard key",
      { secretArns: [secret], kmsKeyArn: "arn:aws:kms:eu-central-1:111111111111:key/*", region },
      /is not a key ARN/,
    ],
    [
      "a key in another region",
      { secretArns: [secret], kmsKeyArn: key.replace("eu-central-1", "eu-west-1"), region },
      /is in eu-west-1, but `region` is eu-central-1/,
    ],
    [
      "a secret outside the key's region",
      { secretArns: [secret.replace("eu-central-1", "eu-west-1")], kmsKeyArn: key, region },
      /is in eu-west-1/,
    ],
    ["a placeholder region", { secretArns: [secret], region: "awsRegionHere" }, /`region` must be a region code/],
  ])("throws on %s", (_why, args, message) => {
    expect(() => secretReadPolicy(args)).toThrow(message);
  });
});

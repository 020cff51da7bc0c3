import {
  isAwsRegion,
  isIamRoleArn,
  isKmsKeyArn,
  isSecretArnOrSuffixWildcard,
  isSecretsManagerSecretArn,
  parseArn,
  partitionForRegion,
} from "../src";

const secret = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/ghcr.io-AbCdEf";
const key = "arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("parseArn", () => {
  it("splits an ARN and keeps colons inside the resource", () => {
    expect(parseArn("arn:aws:logs:eu-central-1:111111111111:log-group:/ecs/app:*")).toEqual({
      partition: "aws",
      service: "logs",
      region: "eu-central-1",
      accountId: "111111111111",
      resource: "log-group:/ecs/app:*",
    });
  });

  it("parses a global ARN with empty region and account", () => {
    expect(parseArn("arn:aws:s3:::bucket/key")).toEqual({
      partition: "aws",
      service: "s3",
      region: "",
      accountId: "",
      resource: "bucket/key",
    });
  });

  it.each([
    [""],
    ["secret"],
    ["arn:aws:s3"],
    ["arn:aws:s3:::"],
    ["urn:aws:s3:::b"],
    ["arn:gcp:s3:::b"],
    ["arn::s3:::b"],
    ["arn:my-aws:s3:::b"],
    ["arn:aws2:s3:::b"],
    ["arn:aws:S3:::b"],
    ["arn:aws:s3*:::b"],
  ])("returns undefined for %j", (value) => {
    expect(parseArn(value)).toBeUndefined();
  });
});

describe("isAwsRegion and partitionForRegion", () => {
  it.each([
    ["eu-central-1", "aws"],
    ["us-east-1", "aws"],
    ["ap-southeast-2", "aws"],
    ["il-central-1", "aws"],
    ["us-gov-west-1", "aws-us-gov"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s is a region in %s", (region, partition) => {
    expect(isAwsRegion(region)).toBe(true);
    expect(partitionForRegion(region)).toBe(partition);
  });

  it.each([
    ["awsRegionHere"],
    ["region"],
    ["eu-central"],
    ["EU-CENTRAL-1"],
    ["eu-middle-1"],
    [""],
    ["*"],
    ["eu-central-1a"],
    [" eu-central-1"],
  ])("%j is not a region", (value) => {
    expect(isAwsRegion(value)).toBe(false);
    expect(partitionForRegion(value)).toBeUndefined();
  });
});

describe("isSecretsManagerSecretArn", () => {
  it.each([
    [secret],
    ["arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-token-a1B2c3"],
    ["arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:prod/registry_creds+v2=x.y@z-Q1w2E3"],
    ["arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:registry-AbCdEf"],
  ])("accepts %s", (value) => {
    expect(isSecretsManagerSecretArn(value)).toBe(true);
  });

  it.each([
    ["placeholder region and account", "arn:aws:secretsmanager:awsRegionHere:yourAccountIdHere:secret:x"],
    ["placeholder account", "arn:aws:secretsmanager:eu-central-1:yourAccountIdHere:secret:registry-AbCdEf"],
    ["placeholder region", "arn:aws:secretsmanager:awsRegionHere:111111111111:secret:registry-AbCdEf"],
    ["missing random suffix", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry"],
    ["five-character suffix", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry-AbCdE"],
    ["wildcard name", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:*"],
    ["wildcard suffix", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry-*"],
    ["question-mark suffix", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry-??????"],
    ["wildcard region", "arn:aws:secretsmanager:*:111111111111:secret:registry-AbCdEf"],
    ["11-digit account", "arn:aws:secretsmanager:eu-central-1:11111111111:secret:registry-AbCdEf"],
    ["13-digit account", "arn:aws:secretsmanager:eu-central-1:1111111111111:secret:registry-AbCdEf"],
    ["seven-character suffix", "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry-AbCdEfG"],
    ["resource that is no secret", "arn:aws:secretsmanager:eu-central-1:111111111111:notsecret:registry-AbCdEf"],
    ["partition that does not own the region", "arn:aws:secretsmanager:cn-north-1:111111111111:secret:registry-AbCdEf"],
    ["SSM parameter", "arn:aws:ssm:eu-central-1:111111111111:parameter/registry"],
    ["KMS key", key],
    ["bare secret name", "registry/ghcr.io"],
    ["empty string", ""],
  ])("rejects a %s", (_why, value) => {
    expect(isSecretsManagerSecretArn(value)).toBe(false);
  });
});

describe("isSecretArnOrSuffixWildcard", () => {
  it.each([
    [secret, true],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/ghcr.io-??????", true],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/ghcr.io-*", false],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/??????", false],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:reg?stry-??????", false],
    ["arn:aws:secretsmanager:awsRegionHere:111111111111:secret:registry-??????", false],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry-???????", false],
    ["arn:aws:secretsmanager:eu-central-1:111111111111:notsecret:registry-??????", false],
    ["arn:aws:ssm:eu-central-1:111111111111:secret:registry-??????", false],
  ])("for %s is %s", (value, expected) => {
    expect(isSecretArnOrSuffixWildcard(value)).toBe(expected);
  });
});

describe("isKmsKeyArn", () => {
  it.each([
    [key, true],
    ["arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab", true],
    ["arn:aws-cn:kms:cn-north-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", true],
    ["arn:aws:kms:eu-central-1:111111111111:alias/registry", false],
    ["arn:aws:kms:eu-central-1:111111111111:key/*", false],
    ["arn:aws:kms:*:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", false],
    ["arn:aws:kms:eu-central-1:111111111111:key/not-a-key-id", false],
    ["arn:aws:kms:eu-central-1:111111111111:alias/key/1234abcd-12ab-34cd-56ef-1234567890ab", false],
    ["arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab/x", false],
    ["arn:aws:kms:awsRegionHere:yourAccountIdHere:key/1234abcd-12ab-34cd-56ef-1234567890ab", false],
    ["1234abcd-12ab-34cd-56ef-1234567890ab", false],
    [secret, false],
  ])("for %s is %s", (value, expected) => {
    expect(isKmsKeyArn(value)).toBe(expected);
  });
});

describe("isIamRoleArn", () => {
  it.each([
    ["arn:aws:iam::111111111111:role/registry-access-execution", true],
    ["arn:aws:iam::111111111111:role/service-role/ecsTaskExecutionRole", true],
    ["arn:aws-us-gov:iam::111111111111:role/exec", true],
    ["arn:aws:iam::111111111111:role/*", false],
    ["arn:aws:iam::111111111111:user/alice", false],
    ["arn:aws:iam::111111111111:user/role/alice", false],
    ["arn:aws:iam:eu-central-1:111111111111:role/exec", false],
    ["arn:aws:iam::yourAccountIdHere:role/exec", false],
    ["arn:aws:iam::111111111111:role/", false],
    [`arn:aws:iam::111111111111:role/${"r".repeat(65)}`, false],
    ["arn:aws:sts::111111111111:assumed-role/exec/session", false],
  ])("for %s is %s", (value, expected) => {
    expect(isIamRoleArn(value)).toBe(expected);
  });
});

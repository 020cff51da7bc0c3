import { classifyRegistry } from "../src";

describe("classifyRegistry", () => {
  it.each([
    ["111111111111.dkr.ecr.eu-central-1.amazonaws.com", "111111111111", "eu-central-1", "aws"],
    ["111111111111.dkr.ecr.us-east-1.amazonaws.com", "111111111111", "us-east-1", "aws"],
    ["111111111111.dkr.ecr.ap-southeast-2.amazonaws.com", "111111111111", "ap-southeast-2", "aws"],
    ["111111111111.dkr.ecr-fips.us-east-2.amazonaws.com", "111111111111", "us-east-2", "aws"],
    ["111111111111.dkr-ecr.eu-west-1.on.aws", "111111111111", "eu-west-1", "aws"],
    ["111111111111.dkr-ecr-fips.us-west-2.on.aws", "111111111111", "us-west-2", "aws"],
    ["222222222222.dkr.ecr.us-gov-west-1.amazonaws.com", "222222222222", "us-gov-west-1", "aws-us-gov"],
    ["222222222222.dkr.ecr-fips.us-gov-east-1.amazonaws.com", "222222222222", "us-gov-east-1", "aws-us-gov"],
    ["333333333333.dkr.ecr.cn-north-1.amazonaws.com.cn", "333333333333", "cn-north-1", "aws-cn"],
    ["333333333333.dkr.ecr.cn-northwest-1.amazonaws.com.cn", "333333333333", "cn-northwest-1", "aws-cn"],
    ["111111111111.DKR.ECR.EU-CENTRAL-1.AMAZONAWS.COM", "111111111111", "eu-central-1", "aws"],
  ])("classifies %s as private ECR", (host, accountId, region, partition) => {
    expect(classifyRegistry(host)).toEqual({ kind: "private-ecr", accountId, region, partition });
  });

  it("classifies public.ecr.aws as public ECR", () => {
    expect(classifyRegistry("public.ecr.aws")).toEqual({ kind: "public-ecr" });
  });

  it.each([
    ["ghcr.io"],
    ["docker.io"],
    ["quay.io"],
    ["localhost:5000"],
    ["public.ecr.aws:443"],
    ["111111111111.dkr.ecr.eu-central-1.amazonaws.com:443"],
    ["111111111111.dkr.ecr.eu-central-1.amazonaws.com.evil.example"],
    ["evil.example/111111111111.dkr.ecr.eu-central-1.amazonaws.com"],
    ["11111111111.dkr.ecr.eu-central-1.amazonaws.com"],
    ["aws_account_id.dkr.ecr.region.amazonaws.com"],
    ["111111111111.dkr.ecr.awsRegionHere.amazonaws.com"],
    ["111111111111.dkr.ecr.cn-north-1.amazonaws.com"],
    // The ISO partitions serve ECR under their own domains (c2s.ic.gov, …), never amazonaws.com.
    ["111111111111.dkr.ecr.us-iso-east-1.amazonaws.com"],
    ["111111111111.dkr-ecr.us-isob-east-1.on.aws"],
    ["111111111111.dkr.ecr.eu-central-1.amazonaws.com.cn"],
    ["111111111111.dkr.ecr-fips.cn-north-1.amazonaws.com.cn"],
    ["111111111111.dkr-ecr.eu-west-1.amazonaws.com"],
    ["111111111111.dkr.ecr.eu-west-1.on.aws"],
    ["api.ecr.eu-central-1.amazonaws.com"],
  ])("classifies %s as other", (host) => {
    expect(classifyRegistry(host)).toEqual({ kind: "other" });
  });
});

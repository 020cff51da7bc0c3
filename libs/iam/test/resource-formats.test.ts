import { resourceArnFormats } from "../src/resource-formats";

describe("resourceArnFormats", () => {
  it("gives the ARN formats of every resource an action acts on, whichever service owns them", async () => {
    expect(await resourceArnFormats("ssm:SendCommand")).toContain(
      "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}",
    );
    expect(await resourceArnFormats("STS:assumerole")).toEqual([
      "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",
    ]);
  });

  it("gives none for an action that takes only * and for one that does not exist", async () => {
    expect(await resourceArnFormats("ecr:GetAuthorizationToken")).toEqual([]);
    expect(await resourceArnFormats("ecr:NoSuchAction")).toEqual([]);
    expect(await resourceArnFormats("nosuchservice:Get")).toEqual([]);
  });
});

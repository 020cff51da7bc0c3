import { kmsKeyPolicyDelegatingToIam } from "../src";

describe("kmsKeyPolicyDelegatingToIam", () => {
  it("lets the IAM policies of the key's own account grant the key, in the account's partition", () => {
    expect(kmsKeyPolicyDelegatingToIam({ accountId: "111111111111", partition: "aws-cn" })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnableIamPolicies",
          Effect: "Allow",
          Principal: { AWS: "arn:aws-cn:iam::111111111111:root" },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    });
    expect(kmsKeyPolicyDelegatingToIam({ accountId: "111111111111" }).Statement[0]?.Principal).toEqual({
      AWS: "arn:aws:iam::111111111111:root",
    });
  });

  it.each(["11111111111", "1111111111111", "awsAccountIdHere", "111111111111\n"])(
    "refuses the account %j, which would delegate to no account or the wrong one",
    (accountId) => {
      expect(() => kmsKeyPolicyDelegatingToIam({ accountId })).toThrow(
        `kmsKeyPolicyDelegatingToIam: \`accountId\` must be 12 digits, got ${JSON.stringify(accountId)}`,
      );
    },
  );
});

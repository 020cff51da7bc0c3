import type { PolicyDocument } from "./policy-document";

/**
 * The default KMS key policy statement that lets IAM policies in the key's account grant use of
 * the key ("Allows access to the AWS account and enables IAM policies",
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html). KMS reads the
 * key policy first: without this, an execution role's kms:Decrypt grant has no effect.
 */
export function kmsKeyPolicyDelegatingToIam(args: { accountId: string; partition?: string }): PolicyDocument {
  const { accountId, partition = "aws" } = args;
  if (!/^\d{12}$/.test(accountId)) {
    throw new Error(`kmsKeyPolicyDelegatingToIam: \`accountId\` must be 12 digits, got ${JSON.stringify(accountId)}`);
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableIamPolicies",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

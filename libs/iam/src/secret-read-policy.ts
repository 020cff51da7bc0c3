import { isAwsRegion, isKmsKeyArn, isSecretsManagerSecretArn, parseArn } from "./arn";
import type { PolicyDocument, PolicyStatement } from "./policy-document";

/**
 * Exact-ARN read policy for the task execution role (ECS "Private registry authentication for
 * tasks": https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html):
 * secretsmanager:GetSecretValue on exactly `secretArns`, plus kms:Decrypt on exactly
 * `kmsKeyArn`, only through Secrets Manager in `region` (kms:ViaService), and only when a
 * customer-managed key is given; the AWS managed key needs no grant.
 * @throws Error on an empty list, a wildcard or any other non-secret ARN, a non-key ARN, or a
 *   key or secret outside `region` when a key is given (Secrets Manager only uses keys of its own region).
 */
export function secretReadPolicy(args: {
  secretArns: readonly string[];
  kmsKeyArn?: string;
  region: string;
}): PolicyDocument {
  const { secretArns, kmsKeyArn, region } = args;
  const where = "secretReadPolicy";
  if (!isAwsRegion(region)) {
    throw new Error(`${where}: \`region\` must be a region code such as "eu-central-1", got ${JSON.stringify(region)}`);
  }
  if (secretArns.length === 0) {
    throw new Error(`${where}: \`secretArns\` is empty; name at least one Secrets Manager secret ARN to grant read on`);
  }
  for (const arn of secretArns) {
    if (!isSecretsManagerSecretArn(arn)) {
      throw new Error(
        `${where}: ${JSON.stringify(arn)} in \`secretArns\` is not a full secret ARN; expected ` +
          `arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>, with no wildcard`,
      );
    }
  }
  const statements: PolicyStatement[] = [
    {
      Sid: "ReadRegistryCredentials",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: [...new Set(secretArns)],
    },
  ];
  if (kmsKeyArn !== undefined) {
    if (!isKmsKeyArn(kmsKeyArn)) {
      throw new Error(
        `${where}: \`kmsKeyArn\` ${JSON.stringify(kmsKeyArn)} is not a key ARN; expected arn:<partition>:kms:<region>:<account>:key/<key id> (no alias, no wildcard)`,
      );
    }
    for (const arn of [kmsKeyArn, ...secretArns]) {
      const arnRegion = parseArn(arn)?.region;
      if (arnRegion !== region) {
        throw new Error(
          `${where}: ${arn} is in ${arnRegion}, but \`region\` is ${region}; a secret can only be decrypted with a key in its own region`,
        );
      }
    }
    statements.push({
      Sid: "DecryptRegistryCredentialsViaSecretsManager",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

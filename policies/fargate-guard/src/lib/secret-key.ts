import type { PolicyResource } from "@pulumi/policy";
import { isKmsKeyArn, kmsKeyPolicyDelegatingToIam, parseArn, type PolicyDocument } from "@platform/iam";
import { readDocument } from "./iam-documents";
import { KMS_KEY, SECRETS_MANAGER_SECRET } from "./resource-types";
import type { RoleGraph } from "./role-graph";
import { knownOr } from "./unknowns";

/** The customer-managed key that encrypts a secret, and the key policy KMS evaluates first. */
export interface SecretKey {
  readonly keyArn: string;
  readonly keyPolicy: PolicyDocument;
}

const known = (read: () => unknown): unknown => knownOr(read, undefined);

/**
 * The customer-managed KMS key of a secret declared in this stack, if any. A secret without
 * `kmsKeyId` uses the AWS managed key aws/secretsmanager, which needs no grant. A key of this
 * stack without a `policy` gets KMS's default key policy, which delegates to IAM.
 */
export function customerKeyOfSecret(secretArn: string, host: PolicyResource, graph: RoleGraph): SecretKey | undefined {
  const byDependency = Object.values(host.propertyDependencies)
    .flat()
    .filter((r) => r.type === SECRETS_MANAGER_SECRET);
  const secret =
    graph.firstWith(SECRETS_MANAGER_SECRET, "arn", secretArn) ??
    (byDependency.length === 1 ? byDependency[0] : undefined);
  if (secret === undefined || !("kmsKeyId" in secret.props)) return undefined;
  const keyId = known(() => secret.props.kmsKeyId);
  const keyDependencies = (secret.propertyDependencies.kmsKeyId ?? []).filter((r) => r.type === KMS_KEY);
  // The first key of the stack whose ARN or key ID is `kmsKeyId`.
  const byId = graph.firstInStack(KMS_KEY, [
    graph.firstWith(KMS_KEY, "arn", keyId),
    graph.firstWith(KMS_KEY, "keyId", keyId),
  ]);
  const key = byId ?? (keyDependencies.length === 1 ? keyDependencies[0] : undefined);
  const keyArn: unknown = key === undefined ? keyId : (known(() => key.props.arn) ?? secret.props.kmsKeyId);
  if (typeof keyArn !== "string" || !isKmsKeyArn(keyArn)) return undefined;
  const declaredPolicy =
    key === undefined ? undefined : readDocument({ path: "policy", raw: known(() => key.props.policy) });
  const arn = parseArn(keyArn)!;
  return {
    keyArn,
    keyPolicy: declaredPolicy ?? kmsKeyPolicyDelegatingToIam({ accountId: arn.accountId, partition: arn.partition }),
  };
}

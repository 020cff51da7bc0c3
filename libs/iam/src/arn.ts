/**
 * ARN parsing and validators. Hand-rolled: the @cloud-copilot packages split ARNs internally
 * but export no validator for "a real secret / key / role ARN", which is what the policy pack
 * and the config schemas need (placeholders such as "awsRegionHere" must fail).
 * ARN formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html and the
 * Service Authorization Reference pages for Secrets Manager, KMS and IAM.
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** Partitions and the region prefixes that belong to them; every other region is in "aws". */
const partitionByRegionPrefix: ReadonlyArray<readonly [string, string]> = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["eu-isoe-", "aws-iso-e"],
  ["us-iso-", "aws-iso"],
  ["eusc-", "aws-eusc"],
];

/**
 * Region codes as AWS names them: a geography, an optional sub-partition, a direction and a
 * number (eu-central-1, us-gov-west-1, cn-northwest-1, us-isob-east-1, eusc-de-east-1).
 */
const regionPattern =
  /^(?:[a-z]{2}|eusc-[a-z]{2})(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
const accountIdPattern = /^\d{12}$/;
const wildcardPattern = /[*?]/;

/** true for a region code such as "eu-central-1"; false for placeholders like "awsRegionHere". */
export function isAwsRegion(value: string): boolean {
  return regionPattern.test(value);
}

/** The partition a region belongs to ("aws-cn" for cn-north-1), or undefined when it is no region. */
export function partitionForRegion(region: string): string | undefined {
  if (!isAwsRegion(region)) return undefined;
  return partitionByRegionPrefix.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}

/** Split "arn:partition:service:region:account:resource"; undefined when it is not shaped so. */
export function parseArn(value: string): Arn | undefined {
  if (typeof value !== "string") return undefined;
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (!/^aws(?:-[a-z]+)*$/.test(partition) || !/^[a-z0-9-]+$/.test(service) || resource === "") return undefined;
  return { partition, service, region, accountId, resource };
}

/** A real region of the ARN's own partition and a 12-digit account: no placeholders. */
function isInRealRegionAndAccount(arn: Arn): boolean {
  return partitionForRegion(arn.region) === arn.partition && accountIdPattern.test(arn.accountId);
}

/** A regional ARN of the service, in a real region and account, with no wildcard. */
function parseConcreteRegionalArn(value: string, service: string): Arn | undefined {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== service || wildcardPattern.test(value)) return undefined;
  return isInRealRegionAndAccount(arn) ? arn : undefined;
}

/**
 * Secret names allow letters, digits and /_+=.@- ; Secrets Manager appends "-" and six random
 * characters to form the ARN (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html).
 */
const secretResourcePattern = /^secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;
const secretSuffixWildcardPattern = /^secret:[A-Za-z0-9/_+=.@-]+-\?{6}$/;

/** arn:<p>:secretsmanager:<region>:<12 digits>:secret:<name>-<6 chars>, no wildcard, no placeholder. */
export function isSecretsManagerSecretArn(value: string): boolean {
  const arn = parseConcreteRegionalArn(value, "secretsmanager");
  return arn !== undefined && secretResourcePattern.test(arn.resource);
}

/**
 * Like isSecretsManagerSecretArn, but also accepts the one wildcard AWS recommends for policies
 * that name a secret before it exists: "<name>-??????" (exactly the six-character suffix).
 */
export function isSecretArnOrSuffixWildcard(value: string): boolean {
  if (isSecretsManagerSecretArn(value)) return true;
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== "secretsmanager" || !isInRealRegionAndAccount(arn)) return false;
  return secretSuffixWildcardPattern.test(arn.resource);
}

/** Key IDs are UUIDs, or "mrk-" and 32 hex digits for multi-Region keys. */
const kmsKeyResourcePattern =
  /^key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** arn:<p>:kms:<region>:<acct>:key/<id>; aliases and wildcards are not key ARNs. */
export function isKmsKeyArn(value: string): boolean {
  const arn = parseConcreteRegionalArn(value, "kms");
  return arn !== undefined && kmsKeyResourcePattern.test(arn.resource);
}

/** role/[path/]name, names up to 64 of [A-Za-z0-9+=,.@_-] (IAM quotas and ARN reference). */
const roleResourcePattern = /^role\/(?:[A-Za-z0-9+=,.@_-]+\/)*[A-Za-z0-9+=,.@_-]{1,64}$/;

/** arn:<p>:iam::<12 digits>:role/[path/]name, no wildcard. IAM is global: the region is empty. */
export function isIamRoleArn(value: string): boolean {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== "iam" || arn.region !== "" || wildcardPattern.test(value)) return false;
  return accountIdPattern.test(arn.accountId) && roleResourcePattern.test(arn.resource);
}

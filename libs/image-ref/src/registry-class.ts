import { partitionForRegion } from "@platform/iam/arn";

export type EcrPartition = "aws" | "aws-cn" | "aws-us-gov";

export type RegistryClass =
  | { kind: "private-ecr"; accountId: string; region: string; partition: EcrPartition }
  | { kind: "public-ecr" }
  | { kind: "other" };

/** The Amazon ECR Public registry host (https://docs.aws.amazon.com/AmazonECR/latest/public/public-registries.html). */
export const publicEcrHost = "public.ecr.aws";

/**
 * Private ECR registry hosts used by Docker/OCI clients, from "Amazon ECR endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/ecr.html) and "Making requests to Amazon ECR
 * registries" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-requests.html):
 *   <account>.dkr.ecr.<region>.amazonaws.com        IPv4 (commercial and GovCloud)
 *   <account>.dkr.ecr-fips.<region>.amazonaws.com   IPv4, FIPS
 *   <account>.dkr-ecr.<region>.on.aws               dual-stack
 *   <account>.dkr-ecr-fips.<region>.on.aws          dual-stack, FIPS
 *   <account>.dkr.ecr.<region>.amazonaws.com.cn     China regions
 * Anything else, including these with a ":port", is "other" and so needs credentials:
 * mistaking a foreign host for ECR would skip credentials, the reverse only asks for them.
 */
const regionPattern = "([a-z]{2}(?:-[a-z]+)+-\\d)";
const privateEcrHosts: readonly RegExp[] = [
  new RegExp(`^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.${regionPattern}\\.amazonaws\\.com$`),
  new RegExp(`^(\\d{12})\\.dkr-ecr(?:-fips)?\\.${regionPattern}\\.on\\.aws$`),
  new RegExp(`^(\\d{12})\\.dkr\\.ecr\\.${regionPattern}\\.amazonaws\\.com\\.cn$`),
];

/** Classify a registry host (as in ImageReference.host) as private ECR, public ECR or other. */
export function classifyRegistry(host: string): RegistryClass {
  const normalized = host.toLowerCase();
  if (normalized === publicEcrHost) return { kind: "public-ecr" };
  for (const pattern of privateEcrHosts) {
    const match = pattern.exec(normalized);
    if (match === null) continue;
    const [, accountId = "", region = ""] = match;
    const partition = partitionOfRegion(region);
    if (partition === undefined) return { kind: "other" };
    // China regions are served only under amazonaws.com.cn, and only China regions are.
    if ((partition === "aws-cn") !== normalized.endsWith(".cn")) return { kind: "other" };
    return { kind: "private-ecr", accountId, region, partition };
  }
  return { kind: "other" };
}

const ECR_PARTITIONS: readonly string[] = ["aws", "aws-cn", "aws-us-gov"] satisfies EcrPartition[];

/** The partition of an ECR host's region, from the one region-to-partition map (libs/iam). */
function partitionOfRegion(region: string): EcrPartition | undefined {
  const partition = partitionForRegion(region);
  return partition !== undefined && ECR_PARTITIONS.includes(partition) ? (partition as EcrPartition) : undefined;
}

/**
 * Which VPC sizes awsx's `Auto` subnet strategy can lay the networking stack's subnets into, checked in config
 * so a bad size is an error that names the key, not a failure inside the awsx component during `up`.
 *
 * What awsx 3 does (`awsx/ec2/subnetDistributorNew.ts`, `allocateSubnetCidrBlocks`): it splits the VPC into one
 * block per AZ of prefix `vpc prefix + ceil(log2(AZ count))`, and refuses ("Subnets are too large for VPC")
 * when the subnets of one AZ hold more addresses than that block. Our subnets per AZ are a public /24 and a
 * private /20 (projects/networking), 4,352 addresses, so each AZ block must be a /19 (8,192) or larger.
 * The arithmetic is restated here because awsx does not export it outside its provider plugin.
 */

/** The subnets the networking stack puts in each AZ: their prefix lengths. */
export const SUBNET_PREFIXES_PER_AZ = { public: 24, private: 20 } as const;

const addresses = (prefix: number) => 2 ** (32 - prefix);

/** awsx's `newBits`: the bits that split the VPC into one block per AZ. */
export function azBits(azCount: number): number {
  return azCount <= 1 ? 0 : Math.ceil(Math.log2(azCount));
}

/** The longest VPC prefix (the smallest VPC) that holds `azCount` AZs of our subnets. */
export function largestVpcPrefixFor(azCount: number): number {
  const perAz = Object.values(SUBNET_PREFIXES_PER_AZ).reduce((sum, prefix) => sum + addresses(prefix), 0);
  const azPrefix = 32 - Math.ceil(Math.log2(perAz));
  return azPrefix - azBits(azCount);
}

/** Undefined when awsx accepts the VPC prefix for that many AZs; otherwise why not. */
export function vpcCapacityProblem(vpcPrefix: number, azCount: number): string | undefined {
  const largest = largestVpcPrefixFor(azCount);
  if (vpcPrefix <= largest) return undefined;
  const azPrefix = vpcPrefix + azBits(azCount);
  return (
    `awsx splits a /${vpcPrefix} VPC into ${2 ** azBits(azCount)} blocks of /${azPrefix} for ${azCount} AZs, ` +
    `but each AZ needs a public /${SUBNET_PREFIXES_PER_AZ.public} and a private /${SUBNET_PREFIXES_PER_AZ.private} ` +
    `(a /19 block), so the VPC must be /${largest} or larger for ${azCount} AZs.`
  );
}

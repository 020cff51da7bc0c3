import { largestVpcPrefixFor, vpcCapacityProblem } from "../src/vpc-capacity";

/**
 * awsx's allocation, played out: one block per AZ of prefix vpc + ceil(log2(AZs)); in it the public /24 first,
 * then the private /20 at the next /20 boundary (awsx's `nextNetmask`). It must end inside the AZ block.
 */
function awsxPlacesSubnets(vpcPrefix: number, azCount: number): boolean {
  const azPrefix = vpcPrefix + (azCount <= 1 ? 0 : Math.ceil(Math.log2(azCount)));
  const azSize = 2 ** (32 - azPrefix);
  const publicEnd = 2 ** (32 - 24);
  const privateStart = Math.ceil(publicEnd / 2 ** (32 - 20)) * 2 ** (32 - 20);
  return privateStart + 2 ** (32 - 20) <= azSize && publicEnd + 2 ** (32 - 20) <= azSize;
}

describe("VPC sizes for awsx's Auto subnet strategy", () => {
  const cases = [16, 17, 18, 19, 20, 24, 28].flatMap((prefix) => [2, 3, 4, 5, 6].map((azs) => [prefix, azs] as const));

  it.each(cases)("a /%i VPC over %i AZs is accepted exactly when awsx can place the subnets", (prefix, azs) => {
    expect(vpcCapacityProblem(prefix, azs) === undefined).toBe(awsxPlacesSubnets(prefix, azs));
  });

  it("names the smallest VPC that fits each AZ count", () => {
    expect([2, 3, 4, 5, 6].map(largestVpcPrefixFor)).toEqual([18, 17, 17, 16, 16]);
  });
});

import * as awsx from "@pulumi/awsx";
import type { NetworkingConfig } from "./config";

/** The VPC: public subnets for the ALB and NAT, private subnets for the tasks, over `availabilityZones` AZs. */
export function createVpc(name: string, config: NetworkingConfig): awsx.ec2.Vpc {
  return new awsx.ec2.Vpc(name, {
    cidrBlock: config.vpcCidr,
    numberOfAvailabilityZones: config.availabilityZones,
    subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
    subnetSpecs: [
      { type: awsx.ec2.SubnetType.Public, cidrMask: 24 },
      { type: awsx.ec2.SubnetType.Private, cidrMask: 20 },
    ],
    // One NAT gateway is a single point of failure that prod cannot accept; dev saves the cost.
    natGateways: {
      strategy:
        config.natGateways === "one-per-az" ? awsx.ec2.NatGatewayStrategy.OnePerAz : awsx.ec2.NatGatewayStrategy.Single,
    },
    enableDnsHostnames: true,
    tags: { Name: name, environment: config.env },
  });
}

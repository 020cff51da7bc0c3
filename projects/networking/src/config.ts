import { z } from "zod";
import {
  type ConfigSource,
  type Environment,
  intIn,
  jsonKey,
  largestVpcPrefixFor,
  readConfig,
  stackEnvironment,
  stringKey,
  vpcCapacityProblem,
} from "@platform/config";

export interface NetworkingConfig {
  readonly env: Environment;
  readonly vpcCidr: string;
  readonly availabilityZones: number;
  readonly natGateways: "single" | "one-per-az";
  readonly servicePort: number;
  readonly certificateArn?: string;
  /** From the environment profile: the ALB and its listeners refuse deletion, in AWS and in Pulumi. */
  readonly destroyProtection: boolean;
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(1[6-9]|2[0-8])$/;
const ACM_ARN = /^arn:aws(-cn|-us-gov)?:acm:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;

/** A Fix example the schema accepts; the user puts their own certificate's region, account and ID. */
const EXAMPLE_CERTIFICATE_ARN =
  "arn:aws:acm:eu-central-1:123456789012:certificate/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";

const specs = {
  vpcCidr: stringKey(
    z.string().regex(CIDR).optional(),
    "an IPv4 CIDR with a prefix from /16 to /28 (/18 or larger for 2 AZs, /17 for 3-4, /16 for 5-6: the subnets take a /19 per AZ)",
    "10.0.0.0/16",
  ),
  availabilityZones: jsonKey(intIn(2, 6).optional(), "an integer from 2 to 6 (an ALB needs two AZs)", "2"),
  natGateways: stringKey(z.enum(["single", "one-per-az"]).optional(), "`single` or `one-per-az`", "one-per-az"),
  servicePort: jsonKey(intIn(1, 65535).optional(), "a port number, an integer from 1 to 65535", "8098"),
  certificateArn: stringKey(
    z.string().regex(ACM_ARN).optional(),
    "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)",
    EXAMPLE_CERTIFICATE_ARN,
  ),
};

/** Networking's config with the environment's defaults applied; throws ConfigError listing every problem. */
export function networkingConfig(source: ConfigSource): NetworkingConfig {
  const { env, defaults } = stackEnvironment(source);
  const v = readConfig(source, "networking", specs, (values, issue) => {
    const azCount = values.availabilityZones ?? 2;
    const cidr = values.vpcCidr ?? "10.0.0.0/16";
    const problem = vpcCapacityProblem(Number(cidr.split("/")[1]), azCount);
    if (problem) {
      const key = values.vpcCidr === undefined ? "availabilityZones" : "vpcCidr";
      const example = key === "vpcCidr" ? `${cidr.split("/")[0]}/${largestVpcPrefixFor(azCount)}` : undefined;
      issue(key, problem, example);
    }
    if (defaults.requireHttps && !values.certificateArn) {
      issue("certificateArn", `${env} serves HTTPS only (HTTP redirects), so it needs an ACM certificate for the ALB.`);
    }
  });
  return {
    env,
    vpcCidr: v.vpcCidr ?? "10.0.0.0/16",
    availabilityZones: v.availabilityZones ?? 2,
    natGateways: v.natGateways ?? defaults.natGateways,
    servicePort: v.servicePort ?? 8098,
    ...(v.certificateArn ? { certificateArn: v.certificateArn } : {}),
    destroyProtection: defaults.destroyProtection,
  };
}

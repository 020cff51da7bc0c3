import { AWSX_SERVICES, ECS_SERVICE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";
import { field } from "../lib/props";

export const noPublicIp = defineResourceRule({
  name: "no-public-ip",
  description: "Checks that ECS service tasks get no public IP address.",
  cause:
    "An ECS service sets `networkConfiguration.assignPublicIp: true` (awsx services: also `assignPublicIp: true`).",
  rationale:
    "A task with a public IP is reachable from the internet past the load balancer, limited only by its security " +
    "group. Tasks belong in private subnets behind the ALB and reach registries through NAT or VPC endpoints.",
  notCovered:
    "Whether the subnets are public or the security groups open; services of other providers (`aws-native:ecs:Service`).",
  fix: "Run the tasks in private subnets with `assignPublicIp: false` (the default).",
  enforcementLevel: "advisory",
  resourceTypes: [ECS_SERVICE, ...AWSX_SERVICES],
  references: ["Checkov CKV_AWS_333"],
  check({ type, props, report }) {
    if (field(props.networkConfiguration, "assignPublicIp") === true) {
      report(
        "`networkConfiguration.assignPublicIp` is true: the tasks get public IP addresses. Set it to false and use private subnets.",
      );
    }
    if (type !== ECS_SERVICE && props.assignPublicIp === true) {
      report(
        "`assignPublicIp` is true: awsx puts the tasks in public subnets with public IP addresses. Remove it and pass private subnets in `networkConfiguration`.",
      );
    }
  },
});

import { codeList } from "../lib/messages";
import { field } from "../lib/props";
import { AWSX_SERVICES, ECS_SERVICE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

/** The ECS strategies that shift a listener's traffic between two target groups (Amazon ECS API, DeploymentConfiguration). */
const SHIFTING = ["BLUE_GREEN", "CANARY", "LINEAR"];
const NEEDED = ["alternateTargetGroupArn", "productionListenerRule", "roleArn"] as const;

export const deploymentTrafficShift = defineResourceRule({
  name: "deployment-traffic-shift",
  description:
    "Checks that a blue/green, canary or linear ECS service names, for each target group, the alternate group, the production rule and the role ECS shifts traffic with.",
  cause:
    "An ECS service whose `deploymentConfiguration.strategy` is `BLUE_GREEN`, `CANARY` or `LINEAR` has a " +
    "`loadBalancers` entry with a `targetGroupArn` but no `advancedConfiguration`, or one without " +
    "`alternateTargetGroupArn`, `productionListenerRule` or `roleArn`.",
  rationale:
    "ECS shifts these deployments' traffic by moving the production rule's weights between the two groups, as the " +
    "role it assumes; without them the deployment is refused, so the deploy fails (Mandatory: a deploy that fails).",
  notCovered:
    "Whether the rule forwards to both groups, and what the role may do (its trust and policies); test listener rules; " +
    "Service Connect and VPC Lattice; services of other providers (`aws-native:ecs:Service`).",
  fix:
    "Give each load balancer `advancedConfiguration: { alternateTargetGroupArn, productionListenerRule, roleArn }`: a " +
    "second target group, the listener rule that forwards to both, and a role ecs.amazonaws.com may assume that may " +
    "modify that rule and register targets in both groups.",
  enforcementLevel: "mandatory",
  resourceTypes: [ECS_SERVICE, ...AWSX_SERVICES],
  references: [
    "Amazon ECS developer guide: Required resources for Amazon ECS blue/green deployments",
    "Amazon ECS API reference: AdvancedConfiguration",
  ],
  check({ props, report }) {
    const strategy = field(props.deploymentConfiguration, "strategy");
    if (typeof strategy !== "string" || !SHIFTING.includes(strategy)) return;
    const loadBalancers: unknown = props.loadBalancers;
    if (!Array.isArray(loadBalancers)) return;
    loadBalancers.forEach((entry: unknown, index) => {
      if (field(entry, "targetGroupArn") === undefined) return;
      const advanced = field(entry, "advancedConfiguration");
      const missing = NEEDED.filter((key) => !field(advanced, key));
      if (missing.length === 0) return;
      report(
        `\`loadBalancers[${index}]\` of this ${strategy} service has no ${codeList(missing)} in ` +
          "`advancedConfiguration`: ECS cannot shift its traffic and refuses the deployment. Name the alternate " +
          "target group, the production listener rule and the role ECS shifts traffic with.",
      );
    });
  },
});

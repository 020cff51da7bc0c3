import type { PolicyDocument } from "./policy-document";

export interface BlueGreenTrafficResources {
  /** The production listener rule whose weights ECS shifts. */
  readonly listenerRuleArn: string;
  /** The service's two target groups, whose targets ECS registers and deregisters. */
  readonly targetGroupArns: readonly string[];
}

/**
 * What ECS needs to shift one service's blue/green traffic, on exactly that service's rule and groups: the actions of
 * AWS's managed AmazonECSInfrastructureRolePolicyForLoadBalancers
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSInfrastructureRolePolicyForLoadBalancers.html)
 * that an ALB rule needs, narrowed from every rule and group of the account to these. The Describe actions of Elastic
 * Load Balancing take no resource-level permission (Service Authorization Reference, "Actions defined by Elastic Load
 * Balancing V2"), so they name `*`, as the managed policy does. `ModifyListener` is left out: ECS changes a listener
 * only when the production route is a whole listener (an NLB's); here it is a rule.
 */
export function blueGreenTrafficPolicy(resources: BlueGreenTrafficResources): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadLoadBalancing",
        Effect: "Allow",
        Action: [
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeRules",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetHealth",
        ],
        Resource: "*",
      },
      {
        Sid: "RegisterTasksInTheServiceGroups",
        Effect: "Allow",
        Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
        Resource: [...resources.targetGroupArns],
      },
      {
        Sid: "ShiftTheProductionRule",
        Effect: "Allow",
        Action: "elasticloadbalancing:ModifyRule",
        Resource: resources.listenerRuleArn,
      },
    ],
  };
}

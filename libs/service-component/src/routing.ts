import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { RoutingConfig } from "./config";

export interface RoutingArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The shared listener (networking's `listenerArn`) the rule is added to. */
  readonly listenerArn: pulumi.Input<string>;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly deregistrationDelaySeconds: number;
  readonly routing: RoutingConfig;
  /** The group the tasks are registered with before the cut-over; see `ruleActions`. @default - none: the cut-over is done */
  readonly formerTargetGroupArn?: string;
}

/** The listener rule's conditions: host headers and path patterns, both when both are set (ALB ANDs them). */
export function ruleConditions(routing: RoutingConfig): aws.types.input.lb.ListenerRuleCondition[] {
  return [
    ...(routing.hosts.length ? [{ hostHeader: { values: [...routing.hosts] } }] : []),
    ...(routing.paths.length ? [{ pathPattern: { values: [...routing.paths] } }] : []),
  ];
}

/**
 * The rule's action. During the cut-over's first step it forwards by weight: every request to the former group, where
 * the running tasks are, and none to the service's own, whose weight of 0 still attaches it to the load balancer
 * (ECS registers tasks only in a group a load balancer uses) while its first tasks start. A group with no registered
 * target answers 503, and a starting task cannot answer, so it gets traffic only in the second step, once the tasks
 * are healthy in it.
 */
export function ruleActions(
  ownTargetGroupArn: pulumi.Input<string>,
  formerTargetGroupArn?: string,
): aws.types.input.lb.ListenerRuleAction[] {
  if (!formerTargetGroupArn) return [{ type: "forward", targetGroupArn: ownTargetGroupArn }];
  const targetGroups = [
    { arn: formerTargetGroupArn, weight: 100 },
    { arn: ownTargetGroupArn, weight: 0 },
  ];
  return [{ type: "forward", forward: { targetGroups } }];
}

/**
 * The service's own `ip` target group, and the rule on the shared listener that forwards its requests to it.
 * The load balancer and its listeners belong to networking; each service adds and removes only its own rule.
 */
export function createRouting(name: string, args: RoutingArgs, opts?: pulumi.CustomResourceOptions) {
  const targetGroup = new aws.lb.TargetGroup(
    name,
    {
      targetType: "ip",
      vpcId: args.vpcId,
      port: args.port,
      protocol: "HTTP",
      // AWS waits 300 s to drain and 5 x 30 s to call a target healthy; a rolling deploy should not.
      deregistrationDelay: args.deregistrationDelaySeconds,
      healthCheck: {
        enabled: true,
        path: args.healthCheckPath,
        port: "traffic-port",
        protocol: "HTTP",
        matcher: "200",
        interval: 10,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    },
    opts,
  );
  const listenerRule = new aws.lb.ListenerRule(
    name,
    {
      listenerArn: args.listenerArn,
      priority: args.routing.priority,
      conditions: ruleConditions(args.routing),
      actions: ruleActions(targetGroup.arn, args.formerTargetGroupArn),
    },
    opts,
  );
  return { targetGroup, listenerRule };
}

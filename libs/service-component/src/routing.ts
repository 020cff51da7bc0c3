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
}

/** The listener rule's conditions: host headers and path patterns, both when both are set (ALB ANDs them). */
export function ruleConditions(routing: RoutingConfig): aws.types.input.lb.ListenerRuleCondition[] {
  return [
    ...(routing.hosts.length ? [{ hostHeader: { values: [...routing.hosts] } }] : []),
    ...(routing.paths.length ? [{ pathPattern: { values: [...routing.paths] } }] : []),
  ];
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
      actions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    },
    opts,
  );
  return { targetGroup, listenerRule };
}

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
  /** A second, alternate group that ECS's blue/green deployments shift the rule to. @default false - one group */
  readonly alternateGroup?: boolean;
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
  return weighted(formerTargetGroupArn, ownTargetGroupArn);
}

/** Every request to `live`, none to `idle`, which a weight of 0 still attaches to the load balancer. */
function weighted(live: pulumi.Input<string>, idle: pulumi.Input<string>): aws.types.input.lb.ListenerRuleAction[] {
  const targetGroups = [
    { arn: live, weight: 100 },
    { arn: idle, weight: 0 },
  ];
  return [{ type: "forward", forward: { targetGroups } }];
}

/**
 * ECS owns the weights of a blue/green service's production rule: each deployment moves every request to the group of
 * the new revision (aws/aws-cdk#36649 and terraform-aws-modules/terraform-aws-alb#409 show a tool that sets them back
 * and breaks the next deployment). So Pulumi keeps the weights it last set and changes only the groups. The engine
 * resets an ignored path to its old input where both sides have it, and leaves a path the old rule lacks (a rolling
 * rule's single `targetGroupArn`) to the new value (pulumi/pulumi pkg/resource/deploy/step_generator.go
 * `processIgnoreChanges`, sdk/go/common/resource/properties_path.go `reset`): a service moving to blue/green gets
 * 100 and 0 once, and ECS's weights after that. From the cut-over's first step (former 100, own 0, weights nobody but
 * Pulumi changed while it deploys rolling) the own group inherits the 100 by position.
 */
export const ECS_OWNED_WEIGHTS = "actions[*].forward.targetGroups[*].weight";

/**
 * The service's own `ip` target group, and the rule on the shared listener that forwards its requests to it.
 * The load balancer and its listeners belong to networking; each service adds and removes only its own rule.
 */
export function createRouting(name: string, args: RoutingArgs, opts?: pulumi.CustomResourceOptions) {
  const targetGroup = createTargetGroup(name, args, opts);
  // The second group of a blue/green service, alike in all but name: ECS moves the new revision's tasks to whichever
  // of the two is idle (Amazon ECS developer guide, "Amazon ECS blue/green deployments").
  const alternate = args.alternateGroup ? createTargetGroup(`${name}-alternate`, args, opts) : undefined;
  const listenerRule = new aws.lb.ListenerRule(
    name,
    {
      listenerArn: args.listenerArn,
      priority: args.routing.priority,
      conditions: ruleConditions(args.routing),
      actions: alternate
        ? weighted(targetGroup.arn, alternate.arn)
        : ruleActions(targetGroup.arn, args.formerTargetGroupArn),
    },
    alternate ? { ...opts, ignoreChanges: [...(opts?.ignoreChanges ?? []), ECS_OWNED_WEIGHTS] } : opts,
  );
  return { targetGroup, alternateTargetGroup: alternate, listenerRule };
}

/** An `ip` target group on the service port with the service's health check and drain time. */
function createTargetGroup(name: string, args: RoutingArgs, opts?: pulumi.CustomResourceOptions): aws.lb.TargetGroup {
  return new aws.lb.TargetGroup(
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
}

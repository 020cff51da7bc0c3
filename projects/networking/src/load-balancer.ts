import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkingConfig } from "./config";

export interface LoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly publicSubnetIds: pulumi.Input<string[]>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly config: NetworkingConfig;
}

/** TLS 1.3 with 1.2 fallback: AWS's recommended policy for new HTTPS listeners. */
const SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * The public ALB, the `ip` target group the Fargate service registers with, and the listeners: HTTPS with
 * HTTP redirecting to it when a certificate is configured, plain HTTP otherwise.
 */
export function createLoadBalancer(name: string, args: LoadBalancerArgs, opts?: pulumi.CustomResourceOptions) {
  const { config } = args;
  const alb = new aws.lb.LoadBalancer(
    name,
    {
      loadBalancerType: "application",
      internal: false,
      subnets: args.publicSubnetIds,
      securityGroups: [args.securityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: config.albDeletionProtection,
    },
    opts,
  );

  const targetGroup = new aws.lb.TargetGroup(
    `${name}-service`,
    {
      targetType: "ip",
      vpcId: args.vpcId,
      port: config.servicePort,
      protocol: "HTTP",
      // AWS waits 300 s to drain and 5 x 30 s to call a target healthy; a rolling deploy should not.
      deregistrationDelay: config.deregistrationDelaySeconds,
      healthCheck: {
        enabled: true,
        path: config.healthCheckPath,
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

  const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
  let listener: aws.lb.Listener;
  if (config.certificateArn) {
    listener = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: SSL_POLICY,
        certificateArn: config.certificateArn,
        defaultActions: forward,
      },
      opts,
    );
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      },
      opts,
    );
  } else {
    listener = new aws.lb.Listener(
      `${name}-http`,
      { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: forward },
      opts,
    );
  }
  const url = pulumi.interpolate`${config.certificateArn ? "https" : "http"}://${alb.dnsName}`;
  return { alb, targetGroup, listener, url };
}

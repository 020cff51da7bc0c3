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
 * The public ALB the environment's services share, and its listeners: HTTPS with HTTP redirecting to it when a
 * certificate is configured, plain HTTP otherwise. The services' target groups and rules are theirs.
 */
export function createLoadBalancer(name: string, args: LoadBalancerArgs, options?: pulumi.CustomResourceOptions) {
  const { config } = args;
  // Where the profile says so (prod), `pulumi destroy` stops at these before deleting them: without the listeners
  // every service's rule is gone, so AWS's deletion protection on the ALB alone would come too late.
  const opts = { ...options, protect: config.destroyProtection };
  const alb = new aws.lb.LoadBalancer(
    name,
    {
      loadBalancerType: "application",
      internal: false,
      subnets: args.publicSubnetIds,
      securityGroups: [args.securityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: config.destroyProtection,
    },
    opts,
  );

  // Each service stack adds a rule forwarding its own paths or hosts to its own target group; what no rule
  // matches is answered here, by the load balancer itself.
  const notFound = [
    {
      type: "fixed-response",
      fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "No service matches this request." },
    },
  ];
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
        defaultActions: notFound,
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
      { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: notFound },
      opts,
    );
  }
  const url = pulumi.interpolate`${config.certificateArn ? "https" : "http"}://${alb.dnsName}`;
  return { alb, listener, url };
}

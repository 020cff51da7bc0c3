import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityGroupsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly servicePort: number;
  /** Whether the ALB also listens on 443. */
  readonly https: boolean;
}

/**
 * Two groups that only talk to each other: the internet reaches the ALB on 80/443, the ALB reaches the tasks
 * on the service port, and the tasks reach out on 443 only (the registry, Secrets Manager, CloudWatch Logs).
 * Rules are separate resources (aws.vpc.SecurityGroup*Rule), the current AWS-recommended form, so each is
 * visible to policy and nothing is open by default.
 */
export function createSecurityGroups(name: string, args: SecurityGroupsArgs, opts?: pulumi.CustomResourceOptions) {
  const alb = new aws.ec2.SecurityGroup(
    `${name}-alb`,
    { vpcId: args.vpcId, description: "Public ALB: HTTP(S) from the internet" },
    opts,
  );
  const service = new aws.ec2.SecurityGroup(
    `${name}-service`,
    { vpcId: args.vpcId, description: "Service tasks: traffic from the ALB only" },
    opts,
  );

  const publicPorts = args.https ? [80, 443] : [80];
  for (const port of publicPorts) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-alb-in-${port}`,
      {
        securityGroupId: alb.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: "0.0.0.0/0",
        description: `HTTP${port === 443 ? "S" : ""} from the internet`,
      },
      opts,
    );
  }
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-alb-out-service`,
    {
      securityGroupId: alb.id,
      ipProtocol: "tcp",
      fromPort: args.servicePort,
      toPort: args.servicePort,
      referencedSecurityGroupId: service.id,
      description: "To the service tasks",
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-service-in-alb`,
    {
      securityGroupId: service.id,
      ipProtocol: "tcp",
      fromPort: args.servicePort,
      toPort: args.servicePort,
      referencedSecurityGroupId: alb.id,
      description: "From the ALB only",
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-service-out-https`,
    {
      securityGroupId: service.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "Image pulls, Secrets Manager and CloudWatch Logs over HTTPS",
    },
    opts,
  );
  return { alb, service };
}

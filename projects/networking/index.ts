import { type NetworkingOutputs, type StackExports } from "@platform/contracts";
import { networkingConfig, pulumiConfigSource } from "@platform/config";
import { createLoadBalancer } from "./load-balancer";
import { createSecurityGroups } from "./security-groups";
import { createVpc } from "./vpc";

const config = networkingConfig(pulumiConfigSource());
const name = `app-${config.env}`;

const vpc = createVpc(name, config);
const groups = createSecurityGroups(name, { vpcId: vpc.vpcId, servicePort: config.servicePort, https: !!config.certificateArn });
const lb = createLoadBalancer(name, { vpcId: vpc.vpcId, publicSubnetIds: vpc.publicSubnetIds, securityGroupId: groups.alb.id, config });

export = {
  vpcId: vpc.vpcId,
  publicSubnetIds: vpc.publicSubnetIds,
  privateSubnetIds: vpc.privateSubnetIds,
  albArn: lb.alb.arn,
  albDnsName: lb.alb.dnsName,
  albSecurityGroupId: groups.alb.id,
  listenerArn: lb.listener.arn,
  targetGroupArn: lb.targetGroup.arn,
  serviceSecurityGroupId: groups.service.id,
  servicePort: config.servicePort,
  url: lb.url,
} satisfies StackExports<NetworkingOutputs>;

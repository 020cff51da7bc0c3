import { type NetworkingOutputs, type StackExports } from "@platform/contracts";
import { pulumiConfigSource } from "@platform/config";
import { networkingConfig } from "./src/config";
import { createLoadBalancer } from "./src/load-balancer";
import { createSecurityGroups } from "./src/security-groups";
import { createVpc } from "./src/vpc";

const config = networkingConfig(pulumiConfigSource());
const name = `app-${config.env}`;

const vpc = createVpc(name, config);
const groups = createSecurityGroups(name, {
  vpcId: vpc.vpcId,
  servicePort: config.servicePort,
  https: !!config.certificateArn,
});
const lb = createLoadBalancer(name, {
  vpcId: vpc.vpcId,
  publicSubnetIds: vpc.publicSubnetIds,
  securityGroupId: groups.alb.id,
  config,
});

export = {
  vpcId: vpc.vpcId,
  publicSubnetIds: vpc.publicSubnetIds,
  privateSubnetIds: vpc.privateSubnetIds,
  albArn: lb.alb.arn,
  albDnsName: lb.alb.dnsName,
  albSecurityGroupId: groups.alb.id,
  listenerArn: lb.listener.arn,
  serviceSecurityGroupId: groups.service.id,
  servicePort: config.servicePort,
  url: lb.url,
} satisfies StackExports<NetworkingOutputs>;

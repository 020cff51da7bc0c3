// The outputs of awsx's components, as its provider would return them after `up`. The components are remote: the
// mock monitor creates none of their children, so these are the values a program reads from them (an image's URI,
// a repository's URL, a load balancer's DNS name), derived like the AWS resources' own (resource-builders.ts).
import { hexOf, physicalName } from "./fake-ids";
import type { BuildContext, BuiltState, ResourceBuilder } from "./resource-builders";

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function defaultVpc({ account, region }: BuildContext): BuiltState {
  // The same default VPC the EC2 data sources describe (call-results.ts): its ID depends on account and region only.
  const vpcId = `vpc-${hexOf(`${account}:${region}:default-vpc`, 17)}`;
  const subnets = ["a", "b", "c"].map((zone) => `subnet-${hexOf(`${vpcId}:${region}${zone}`, 17)}`);
  return { id: "", extra: { vpcId, publicSubnetIds: subnets, privateSubnetIds: [] } };
}

function repository({ name, inputs, key, account, region, arn }: BuildContext): BuiltState {
  const repositoryName = text(inputs["name"]) || physicalName(name, key).toLowerCase();
  const url = `${account}.dkr.ecr.${region}.amazonaws.com/${repositoryName}`;
  return {
    id: "",
    extra: {
      url,
      repository: { name: repositoryName, arn: arn("ecr", `repository/${repositoryName}`), repositoryUrl: url },
    },
  };
}

function image({ inputs, key, account, region }: BuildContext): BuiltState {
  // Pushed by digest: the provider returns `<repositoryUrl>@sha256:<digest>`.
  const repositoryUrl = text(inputs["repositoryUrl"]) || `${account}.dkr.ecr.${region}.amazonaws.com/image`;
  return { id: "", extra: { imageUri: `${repositoryUrl}@sha256:${hexOf(key, 64)}` } };
}

function applicationLoadBalancer({ name, key, region, arn }: BuildContext): BuiltState {
  const lbName = physicalName(name, key, 32);
  const suffix = `app/${lbName}/${hexOf(key, 16)}`;
  const lbArn = arn("elasticloadbalancing", `loadbalancer/${suffix}`);
  const tgName = physicalName(name, `${key}:tg`, 32);
  return {
    id: "",
    extra: {
      loadBalancer: {
        arn: lbArn,
        arnSuffix: suffix,
        name: lbName,
        dnsName: `${lbName}-${parseInt(hexOf(key, 8), 16)}.${region}.elb.amazonaws.com`,
        zoneId: "Z215JYRZR1TBD5",
      },
      defaultTargetGroup: {
        arn: arn("elasticloadbalancing", `targetgroup/${tgName}/${hexOf(`${key}:tg`, 16)}`),
        name: tgName,
      },
      listeners: [{ arn: arn("elasticloadbalancing", `listener/${suffix}/${hexOf(`${key}:l`, 16)}`), port: 80 }],
      defaultSecurityGroup: { id: `sg-${hexOf(`${key}:sg`, 17)}` },
    },
  };
}

function taskDefinition({ name, inputs, key, arn }: BuildContext): BuiltState {
  const family = text(inputs["family"]) || physicalName(name, `${key}:family`);
  const taskArn = arn("ecs", `task-definition/${family}:1`);
  return { id: "", extra: { taskDefinition: { family, arn: taskArn, revision: 1 }, loadBalancers: [] } };
}

export const AWSX_BUILDERS: Readonly<Record<string, ResourceBuilder>> = {
  "awsx:ecs:FargateTaskDefinition": taskDefinition,
  "awsx:ecs:EC2TaskDefinition": taskDefinition,
  "awsx:ec2:DefaultVpc": defaultVpc,
  "awsx:ecr:Repository": repository,
  "awsx:ecr:Image": image,
  "awsx:lb:ApplicationLoadBalancer": applicationLoadBalancer,
};

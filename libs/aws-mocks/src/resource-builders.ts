import { AWSX_BUILDERS } from "./awsx-builders";
import { DATA_BUILDERS } from "./data-builders";
import { hexOf, physicalName, secretSuffix, uuidOf } from "./fake-ids";

export type Inputs = Record<string, unknown>;

/** What a builder knows about the resource being registered and the fake account it lives in. */
export interface BuildContext {
  readonly type: string;
  /** The name AWS names derive from: the logical name, or the former name an alias moved the resource from. */
  readonly name: string;
  readonly inputs: Inputs;
  readonly custom: boolean | undefined;
  /** `<type>::<name>`: the seed of every fake ID, so the same resource always gets the same IDs. */
  readonly key: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  // Function-typed properties, not methods: builders destructure them, so they must not depend on `this`.
  /** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  readonly arn: (service: string, resource: string) => string;
  /** The resource's physical name: its `name` input, or the auto-name AWS would get from Pulumi (capped at `max`). */
  readonly physical: (max?: number) => string;
}

/** The ID and the output properties AWS would add to a resource's inputs. */
export interface BuiltState {
  readonly id: string;
  readonly extra: Inputs;
}

export type ResourceBuilder = (ctx: BuildContext) => BuiltState;

/** A deterministic stand-in for the provider's `namePrefix` suffix: 26 digits, like 20261129051500000000000001. */
function uniqueSuffix(key: string): string {
  return `2026112900000000${String(parseInt(hexOf(key, 8), 16))
    .padStart(10, "0")
    .slice(0, 10)}`;
}

const text = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : fallback);
const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

function vpc({ inputs, key }: BuildContext): BuiltState {
  const zoneNames = inputs["availabilityZoneNames"];
  const zoneCount = inputs["numberOfAvailabilityZones"];
  const n = Array.isArray(zoneNames) ? zoneNames.length : typeof zoneCount === "number" ? zoneCount : 3;
  const strategy = field(inputs["natGateways"], "strategy");
  const nat = strategy === "None" ? 0 : strategy === "OnePerAz" ? n : 1;
  const subnet = (tier: string, i: number) => `subnet-${hexOf(`${key}:${tier}:${i}`, 17)}`;
  return {
    id: "",
    extra: {
      vpcId: `vpc-${hexOf(key, 17)}`,
      publicSubnetIds: Array.from({ length: n }, (_, i) => subnet("public", i)),
      privateSubnetIds: Array.from({ length: n }, (_, i) => subnet("private", i)),
      isolatedSubnetIds: [],
      natGateways: Array.from({ length: nat }, (_, i) => ({ id: `nat-${hexOf(`${key}:nat:${i}`, 17)}` })),
    },
  };
}

function securityGroupRule({ key, arn }: BuildContext): BuiltState {
  const id = `sgr-${hexOf(key, 17)}`;
  return { id, extra: { securityGroupRuleId: id, arn: arn("ec2", `security-group-rule/${id}`) } };
}

function loadBalancer({ key, region, arn, physical }: BuildContext): BuiltState {
  const lbName = physical(32);
  const suffix = `app/${lbName}/${hexOf(key, 16)}`;
  const id = arn("elasticloadbalancing", `loadbalancer/${suffix}`);
  const dnsName = `${lbName}-${parseInt(hexOf(key, 8), 16)}.${region}.elb.amazonaws.com`;
  return { id, extra: { name: lbName, arn: id, arnSuffix: suffix, dnsName, zoneId: "Z215JYRZR1TBD5" } };
}

function targetGroup({ key, arn, physical }: BuildContext): BuiltState {
  const tgName = physical(32);
  const suffix = `targetgroup/${tgName}/${hexOf(key, 16)}`;
  const id = arn("elasticloadbalancing", suffix);
  return { id, extra: { name: tgName, arn: id, arnSuffix: suffix } };
}

function listener({ name, inputs, key, arn }: BuildContext): BuiltState {
  // A listener's ARN extends its load balancer's: listener/app/<lb-name>/<lb-id>/<listener-id>.
  const lbArn = text(inputs["loadBalancerArn"]);
  const lb = /loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/.exec(lbArn)?.[1] ?? `app/${name}/${hexOf(key, 16)}`;
  const id = arn("elasticloadbalancing", `listener/${lb}/${hexOf(`${key}:l`, 16)}`);
  return { id, extra: { arn: id } };
}

function listenerRule({ inputs, key, arn }: BuildContext): BuiltState {
  // A rule's ARN extends its listener's: listener-rule/app/<lb-name>/<lb-id>/<listener-id>/<rule-id> (Elastic Load
  // Balancing ARNs, Service Authorization Reference), which an IAM policy on exactly that rule names.
  const listenerPath = /:listener\/(app\/[^/]+\/[0-9a-f]+\/[0-9a-f]+)$/.exec(text(inputs["listenerArn"]))?.[1];
  const id = arn(
    "elasticloadbalancing",
    `listener-rule/${listenerPath ?? `app/rule/${hexOf(key, 16)}/${hexOf(`${key}:l`, 16)}`}/${hexOf(`${key}:r`, 16)}`,
  );
  return { id, extra: { arn: id } };
}

function fargateService({ name, inputs, key, arn }: BuildContext): BuiltState {
  const serviceName = text(inputs["name"]) || physicalName(name, key);
  const family = text(field(inputs["taskDefinitionArgs"], "family")) || physicalName(name, `${key}:family`);
  const cluster = text(inputs["cluster"], arn("ecs", "cluster/default"));
  return {
    id: "",
    extra: {
      service: { name: serviceName, id: arn("ecs", `service/${cluster.split("/").pop()}/${serviceName}`) },
      taskDefinition: { family, arn: arn("ecs", `task-definition/${family}:1`) },
    },
  };
}

/**
 * One builder per resource type this repository declares, giving the IDs and ARNs AWS would. A new type is
 * one entry; `aws:lb/*` and their `aws:alb/*` aliases share a builder.
 */
export const RESOURCE_BUILDERS: Readonly<Record<string, ResourceBuilder>> = {
  ...AWSX_BUILDERS,
  ...DATA_BUILDERS,
  "awsx:ec2:Vpc": vpc,
  "aws:ec2/vpc:Vpc": ({ key, arn }) => {
    const id = `vpc-${hexOf(key, 17)}`;
    return { id, extra: { arn: arn("ec2", `vpc/${id}`), mainRouteTableId: `rtb-${hexOf(`${key}:main`, 17)}` } };
  },
  "aws:ec2/subnet:Subnet": ({ key, arn }) => {
    const id = `subnet-${hexOf(key, 17)}`;
    return { id, extra: { arn: arn("ec2", `subnet/${id}`) } };
  },
  "aws:ecr/repository:Repository": ({ inputs, account, region, arn, physical }) => {
    const repositoryName = text(inputs["name"]) || physical().toLowerCase();
    return {
      id: repositoryName,
      extra: {
        name: repositoryName,
        arn: arn("ecr", `repository/${repositoryName}`),
        registryId: account,
        repositoryUrl: `${account}.dkr.ecr.${region}.amazonaws.com/${repositoryName}`,
      },
    };
  },
  // The provider's ID of both is the prefix, and ECR answers with the account as `registryId`
  // (terraform-provider-aws internal/service/ecr/pull_through_cache_rule.go, repository_creation_template.go).
  "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": ({ inputs, account }) => ({
    id: text(inputs["ecrRepositoryPrefix"]),
    extra: { registryId: account },
  }),
  "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": ({ inputs, account }) => ({
    id: text(inputs["prefix"]),
    extra: { registryId: account },
  }),
  "aws:ecs/service:Service": ({ inputs, arn, physical }) => {
    const cluster = text(inputs["cluster"], arn("ecs", "cluster/default")).split("/").pop();
    const id = arn("ecs", `service/${cluster}/${physical()}`);
    return { id, extra: { name: physical(), arn: id } };
  },
  "aws:ssm/parameter:Parameter": ({ inputs, arn, physical }) => {
    const name = text(inputs["name"]) || physical();
    return {
      id: name,
      extra: { name, arn: arn("ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`), version: 1 },
    };
  },
  "aws:ec2/securityGroup:SecurityGroup": ({ key, arn, physical }) => {
    const id = `sg-${hexOf(key, 17)}`;
    return { id, extra: { name: physical(255), arn: arn("ec2", `security-group/${id}`) } };
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": securityGroupRule,
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": securityGroupRule,
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
  "aws:lb/listener:Listener": listener,
  "aws:alb/listener:Listener": listener,
  "aws:lb/listenerRule:ListenerRule": listenerRule,
  "aws:alb/listenerRule:ListenerRule": listenerRule,
  "aws:secretsmanager/secret:Secret": ({ inputs, key, arn, physical }) => {
    // With namePrefix the provider appends a 26-character unique suffix (timestamp and counter).
    const prefix = text(inputs["namePrefix"]);
    const secretName = prefix ? `${prefix}${uniqueSuffix(key)}` : physical();
    const id = arn("secretsmanager", `secret:${secretName}-${secretSuffix(key)}`);
    return { id, extra: { name: secretName, arn: id } };
  },
  "aws:secretsmanager/secretVersion:SecretVersion": ({ inputs, key }) => {
    const versionId = uuidOf(key);
    return { id: `${text(inputs["secretId"])}|${versionId}`, extra: { versionId, arn: inputs["secretId"] } };
  },
  "aws:kms/key:Key": ({ key, arn }) => {
    const keyId = uuidOf(key);
    return { id: keyId, extra: { keyId, arn: arn("kms", `key/${keyId}`) } };
  },
  "aws:kms/alias:Alias": ({ inputs, arn }) => ({
    id: text(inputs["name"]),
    extra: { arn: arn("kms", text(inputs["name"])), targetKeyArn: inputs["targetKeyId"] },
  }),
  "aws:iam/role:Role": ({ key, account, partition, physical, inputs }) => {
    const roleName = physical(64);
    // IAM puts the role's path in its ARN (`role/<path>/<name>`); the default path is `/`.
    const arn = `arn:${partition}:iam::${account}:role${text(inputs["path"], "/")}${roleName}`;
    return { id: roleName, extra: { name: roleName, arn, uniqueId: `AROA${hexOf(key, 17).toUpperCase()}` } };
  },
  // IAM names an OIDC provider by its URL without the scheme (CreateOpenIDConnectProvider: the ARN it returns).
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ({ inputs, account, partition }) => {
    const arn = `arn:${partition}:iam::${account}:oidc-provider/${text(inputs["url"]).replace(/^https:\/\//, "")}`;
    return { id: arn, extra: { arn } };
  },
  "aws:iam/policy:Policy": ({ key, account, partition, physical }) => {
    const policyName = physical(128);
    const id = `arn:${partition}:iam::${account}:policy/${policyName}`;
    return { id, extra: { name: policyName, arn: id, policyId: `ANPA${hexOf(key, 17).toUpperCase()}` } };
  },
  "aws:iam/rolePolicy:RolePolicy": ({ inputs, physical }) => ({
    id: `${text(inputs["role"])}:${physical(128)}`,
    extra: { name: physical(128) },
  }),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ({ inputs, key }) => ({
    id: `${text(inputs["role"])}-${hexOf(key, 26)}`,
    extra: {},
  }),
  "aws:ecs/cluster:Cluster": ({ arn, physical }) => {
    const clusterName = physical();
    const id = arn("ecs", `cluster/${clusterName}`);
    return { id, extra: { name: clusterName, arn: id } };
  },
  "aws:cloudwatch/logGroup:LogGroup": ({ arn, physical }) => {
    const groupName = physical(512);
    return { id: groupName, extra: { name: groupName, arn: arn("logs", `log-group:${groupName}`) } };
  },
  // The alarm's ID is its name (terraform-provider-aws internal/service/cloudwatch/metric_alarm.go, `d.SetId(name)`),
  // and Pulumi auto-names it as any resource with a `name` (`alarm_name` in Terraform, at most 255 characters).
  "aws:cloudwatch/metricAlarm:MetricAlarm": ({ arn, physical }) => {
    const alarmName = physical(255);
    return { id: alarmName, extra: { name: alarmName, arn: arn("cloudwatch", `alarm:${alarmName}`) } };
  },
  "awsx:ecs:FargateService": fargateService,
  "awsx:ecs:EC2Service": fargateService,
  "aws:ecs/taskDefinition:TaskDefinition": ({ name, inputs, key, arn }) => {
    const family = text(inputs["family"]) || physicalName(name, key);
    const id = arn("ecs", `task-definition/${family}:1`);
    return { id, extra: { arn: id, arnWithoutRevision: arn("ecs", `task-definition/${family}`), revision: 1 } };
  },
  "aws:appautoscaling/target:Target": ({ inputs, key, arn }) => ({
    id: text(inputs["resourceId"]),
    extra: { arn: arn("application-autoscaling", `scalable-target/${hexOf(key, 26)}`) },
  }),
  "aws:appautoscaling/policy:Policy": ({ key, arn, physical }) => ({
    id: physical(),
    extra: { name: physical(), arn: arn("autoscaling", `scalingPolicy:${uuidOf(key)}:resource/ecs/${physical()}`) },
  }),
};

/** Providers, and any type without a builder: a well-formed generic ID (and ARN, for AWS types). */
export function fallbackState({ type, name, key, custom, arn }: BuildContext): BuiltState {
  if (type.startsWith("pulumi:providers:")) return { id: uuidOf(key), extra: {} };
  const [pkg, mod = "index"] = type.split(":");
  if (pkg !== "aws") return { id: custom ? `${name}-${hexOf(key, 8)}` : "", extra: {} };
  const service = mod.split("/")[0] ?? "index";
  const id = `${name}-${hexOf(key, 8)}`;
  return { id, extra: { arn: arn(service, `${type.split(":")[2]?.toLowerCase() ?? "resource"}/${id}`) } };
}

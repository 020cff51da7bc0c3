import type * as pulumi from "@pulumi/pulumi";
import { hexOf, physicalName, secretSuffix, uuidOf } from "./fake-ids";

type Inputs = Record<string, any>;
type MockResourceArgs = pulumi.runtime.MockResourceArgs;

export interface AwsMocksOptions {
  /** Account of every fake ARN. @default "123456789012" */
  readonly accountId?: string;
  /** Region of every fake ARN and of `aws.getRegion`. @default "us-east-1" */
  readonly region?: string;
  /** Outputs of the stacks a `StackReference` may name, keyed by fully-qualified name `org/project/env`. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /** Extra or overriding invoke results, by function token (e.g. a project's fixture file). */
  readonly callResults?: Record<string, (inputs: Inputs) => Record<string, unknown>>;
}

/** A resource as the mocks saw it registered. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  readonly id: string;
  readonly state: Inputs;
}

export interface AwsMocks extends pulumi.runtime.Mocks {
  /** Every resource registered so far, in order. */
  readonly resources: RecordedResource[];
}

const AZ_SUFFIXES = ["a", "b", "c", "d", "e", "f"];

/** A deterministic stand-in for the provider's `namePrefix` suffix: 26 digits, like 20261129051500000000000001. */
function uniqueSuffix(key: string): string {
  return `2026112900000000${String(parseInt(hexOf(key, 8), 16)).padStart(10, "0").slice(0, 10)}`;
}

/**
 * Pulumi mocks that answer like AWS would: realistic, deterministic IDs and ARNs for the resource types
 * this repository declares, results for the common data sources, and stack references resolved from
 * `stackOutputs`. Used by the program tests and by the offline plan, so both see the same fake cloud.
 */
export function awsMocks(options: AwsMocksOptions = {}): AwsMocks {
  const account = options.accountId ?? "123456789012";
  const region = options.region ?? "us-east-1";
  const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  const arn = (service: string, resource: string, r = region) => `arn:${partition}:${service}:${r}:${account}:${resource}`;
  const zones = AZ_SUFFIXES.map((s) => `${region}${s}`);
  const resources: RecordedResource[] = [];

  const calls: Record<string, (inputs: Inputs) => Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
      accountId: account,
      arn: `arn:${partition}:iam::${account}:user/offline-plan`,
      userId: `AIDA${hexOf(account, 17).toUpperCase()}`,
      id: account,
    }),
    "aws:index/getRegion:getRegion": () => ({
      name: region,
      region,
      id: region,
      description: region,
      endpoint: `ec2.${region}.amazonaws.com`,
    }),
    "aws:index/getPartition:getPartition": () => ({
      partition,
      id: partition,
      dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
      reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
      id: region,
      names: zones.slice(0, 3),
      zoneIds: zones.slice(0, 3).map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      state: "available",
    }),
    // The versions of a secret, never its value. By default the secret has a current version: offline, the
    // `put-secret-value` step of the README is assumed done. A project's fixture file (or a test) answers
    // `versions: []` to see how the service refuses a secret without one.
    "aws:secretsmanager/getSecretVersions:getSecretVersions": (inputs) => {
      const secretId = String(inputs.secretId);
      return {
        arn: secretId,
        secretArn: secretId,
        secretId,
        name: secretId.split(":").at(-1) ?? secretId,
        secretName: secretId.split(":").at(-1) ?? secretId,
        region,
        id: secretId,
        versions: [{ versionId: uuidOf(`${secretId}:current`), versionStages: ["AWSCURRENT"], createdTime: "2026-11-29T00:00:00Z" }],
      };
    },
    ...options.callResults,
  };

  function state(args: MockResourceArgs): { id: string; extra: Inputs } {
    const { type, name, inputs } = args;
    const key = `${type}::${name}`;
    const phys = (max?: number) => inputs.name ?? physicalName(name, key, max);
    switch (type) {
      case "pulumi:pulumi:StackReference": {
        const stack = String(inputs.name);
        const outputs = options.stackOutputs?.[stack];
        if (!outputs) {
          const known = Object.keys(options.stackOutputs ?? {});
          throw new Error(
            `StackReference "${name}" names stack "${stack}", which is not part of this run. ` +
              (known.length ? `Stacks available: ${known.join(", ")}.` : "No stacks are available.") +
              " Run its project in the same plan, or check the org, project and environment in the name.",
          );
        }
        return { id: stack, extra: { outputs, secretOutputNames: [] } };
      }
      case "awsx:ec2:Vpc": {
        const n = inputs.availabilityZoneNames?.length ?? inputs.numberOfAvailabilityZones ?? 3;
        const subnet = (tier: string, i: number) => `subnet-${hexOf(`${key}:${tier}:${i}`, 17)}`;
        const vpcId = `vpc-${hexOf(key, 17)}`;
        const nat = inputs.natGateways?.strategy === "None" ? 0 : inputs.natGateways?.strategy === "OnePerAz" ? n : 1;
        return {
          id: "",
          extra: {
            vpcId,
            publicSubnetIds: Array.from({ length: n }, (_, i) => subnet("public", i)),
            privateSubnetIds: Array.from({ length: n }, (_, i) => subnet("private", i)),
            isolatedSubnetIds: [],
            natGateways: Array.from({ length: nat }, (_, i) => ({ id: `nat-${hexOf(`${key}:nat:${i}`, 17)}` })),
          },
        };
      }
      case "aws:ec2/securityGroup:SecurityGroup": {
        const id = `sg-${hexOf(key, 17)}`;
        return { id, extra: { name: phys(255), arn: arn("ec2", `security-group/${id}`) } };
      }
      case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        const id = `sgr-${hexOf(key, 17)}`;
        return { id, extra: { securityGroupRuleId: id, arn: arn("ec2", `security-group-rule/${id}`) } };
      }
      case "aws:lb/loadBalancer:LoadBalancer":
      case "aws:alb/loadBalancer:LoadBalancer": {
        const lbName = phys(32);
        const suffix = `app/${lbName}/${hexOf(key, 16)}`;
        const id = arn("elasticloadbalancing", `loadbalancer/${suffix}`);
        const dnsName = `${lbName}-${parseInt(hexOf(key, 8), 16)}.${region}.elb.amazonaws.com`;
        return { id, extra: { name: lbName, arn: id, arnSuffix: suffix, dnsName, zoneId: "Z215JYRZR1TBD5" } };
      }
      case "aws:lb/targetGroup:TargetGroup":
      case "aws:alb/targetGroup:TargetGroup": {
        const tgName = phys(32);
        const suffix = `targetgroup/${tgName}/${hexOf(key, 16)}`;
        const id = arn("elasticloadbalancing", suffix);
        return { id, extra: { name: tgName, arn: id, arnSuffix: suffix } };
      }
      case "aws:lb/listener:Listener":
      case "aws:alb/listener:Listener": {
        // A listener's ARN extends its load balancer's: listener/app/<lb-name>/<lb-id>/<listener-id>.
        const lb = /loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/.exec(String(inputs.loadBalancerArn ?? ""))?.[1] ?? `app/${name}/${hexOf(key, 16)}`;
        const id = arn("elasticloadbalancing", `listener/${lb}/${hexOf(`${key}:l`, 16)}`);
        return { id, extra: { arn: id } };
      }
      case "aws:secretsmanager/secret:Secret": {
        // With namePrefix the provider appends a 26-character unique suffix (timestamp and counter).
        const secretName = inputs.namePrefix ? `${inputs.namePrefix}${uniqueSuffix(key)}` : phys();
        const id = arn("secretsmanager", `secret:${secretName}-${secretSuffix(key)}`);
        return { id, extra: { name: secretName, arn: id } };
      }
      case "aws:secretsmanager/secretVersion:SecretVersion": {
        const versionId = uuidOf(key);
        return { id: `${inputs.secretId}|${versionId}`, extra: { versionId, arn: inputs.secretId } };
      }
      case "aws:kms/key:Key": {
        const keyId = uuidOf(key);
        return { id: keyId, extra: { keyId, arn: arn("kms", `key/${keyId}`) } };
      }
      case "aws:kms/alias:Alias":
        return { id: inputs.name, extra: { arn: arn("kms", String(inputs.name)), targetKeyArn: inputs.targetKeyId } };
      case "aws:iam/role:Role": {
        const roleName = phys(64);
        return {
          id: roleName,
          extra: { name: roleName, arn: `arn:${partition}:iam::${account}:role/${roleName}`, uniqueId: `AROA${hexOf(key, 17).toUpperCase()}` },
        };
      }
      case "aws:iam/policy:Policy": {
        const policyName = phys(128);
        const id = `arn:${partition}:iam::${account}:policy/${policyName}`;
        return { id, extra: { name: policyName, arn: id, policyId: `ANPA${hexOf(key, 17).toUpperCase()}` } };
      }
      case "aws:iam/rolePolicy:RolePolicy":
        return { id: `${inputs.role}:${phys(128)}`, extra: { name: phys(128) } };
      case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
        return { id: `${inputs.role}-${hexOf(key, 26)}`, extra: {} };
      case "aws:ecs/cluster:Cluster": {
        const clusterName = phys();
        const id = arn("ecs", `cluster/${clusterName}`);
        return { id, extra: { name: clusterName, arn: id } };
      }
      case "aws:cloudwatch/logGroup:LogGroup": {
        const groupName = phys(512);
        return { id: groupName, extra: { name: groupName, arn: arn("logs", `log-group:${groupName}`) } };
      }
      case "awsx:ecs:FargateService": {
        const serviceName = inputs.name ?? physicalName(name, key);
        const family = inputs.taskDefinitionArgs?.family ?? physicalName(name, `${key}:family`);
        const cluster = String(inputs.cluster ?? arn("ecs", "cluster/default"));
        return {
          id: "",
          extra: {
            service: { name: serviceName, id: arn("ecs", `service/${cluster.split("/").pop()}/${serviceName}`) },
            taskDefinition: { family, arn: arn("ecs", `task-definition/${family}:1`) },
          },
        };
      }
      case "aws:ecs/taskDefinition:TaskDefinition": {
        const family = String(inputs.family ?? physicalName(name, key));
        const id = arn("ecs", `task-definition/${family}:1`);
        return { id, extra: { arn: id, arnWithoutRevision: arn("ecs", `task-definition/${family}`), revision: 1 } };
      }
      case "aws:appautoscaling/target:Target":
        return { id: String(inputs.resourceId), extra: { arn: arn("application-autoscaling", `scalable-target/${hexOf(key, 26)}`) } };
      case "aws:appautoscaling/policy:Policy":
        return { id: phys(), extra: { name: phys(), arn: arn("autoscaling", `scalingPolicy:${uuidOf(key)}:resource/ecs/${phys()}`) } };
      default: {
        if (type.startsWith("pulumi:providers:")) return { id: uuidOf(key), extra: {} };
        // Any other AWS type: a generic but well-formed ARN from the type token's module.
        const [pkg, mod = "index"] = type.split(":");
        if (pkg !== "aws") return { id: args.custom ? `${name}-${hexOf(key, 8)}` : "", extra: {} };
        const service = mod.split("/")[0] ?? "index";
        const id = `${name}-${hexOf(key, 8)}`;
        return { id, extra: { arn: arn(service, `${type.split(":")[2]?.toLowerCase() ?? "resource"}/${id}`) } };
      }
    }
  }

  return {
    resources,
    newResource(args) {
      const { id, extra } = state(args);
      const merged = { ...args.inputs, ...extra };
      resources.push({ type: args.type, name: args.name, inputs: args.inputs, id, state: merged });
      return { id: args.custom === false && !id ? undefined : id, state: merged };
    },
    call(args) {
      const handler = calls[args.token];
      return handler ? handler(args.inputs) : {};
    },
  };
}

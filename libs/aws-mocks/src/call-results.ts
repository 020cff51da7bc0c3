import { hexOf, secretSuffix, uuidOf } from "./fake-ids";
import { policyDocument } from "./policy-document";
import type { Inputs } from "./resource-builders";

export type CallResult = (inputs: Inputs) => Record<string, unknown>;

const AZ_SUFFIXES = ["a", "b", "c", "d", "e", "f"];
/** Every fake date the data sources give: fixed, so plans are stable. */
const CREATED = "2026-11-29T00:00:00Z";

const text = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : fallback);
/** The values of the first filter named `name` (`filters: [{ name, values }]`, as the EC2 data sources take them). */
const filterValues = (inputs: Inputs, name: string): string[] | undefined =>
  (Array.isArray(inputs["filters"]) ? (inputs["filters"] as Inputs[]) : []).find((f) => f["name"] === name)?.[
    "values"
  ] as string[] | undefined;
const lastPart = (arnOrName: string, separator: RegExp): string => arnOrName.split(separator).at(-1) ?? arnOrName;

/**
 * Results of the data sources that programs (and awsx, classic and current) call, for one fake account and region:
 * the shapes @pulumi/aws returns (its `get*Result` types), with values in AWS's own formats, derived from the
 * arguments so that the same call always gets the same answer. A call not listed has no answer: the mocks refuse
 * it (UnansweredCallError) rather than return `{}`, on which a program fails far from the cause.
 */
export function awsCallResults(account: string, region: string, partition: string): Record<string, CallResult> {
  const zones = AZ_SUFFIXES.slice(0, 3).map((s) => `${region}${s}`);
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${account}:${resource}`;
  const dnsSuffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  const registryHost = (registryId = account) => `${registryId}.dkr.ecr.${region}.${dnsSuffix}`;
  const defaultVpcId = `vpc-${hexOf(`${account}:${region}:default-vpc`, 17)}`;
  // A VPC's subnets, one per zone: the default VPC's are its default subnets (172.31.<16 i>.0/20, public).
  const subnetsOf = (vpcId: string) =>
    zones.map((zone, i) => ({
      id: `subnet-${hexOf(`${vpcId}:${zone}`, 17)}`,
      zone,
      cidr: vpcId === defaultVpcId ? `172.31.${16 * i}.0/20` : `10.0.${16 * i}.0/20`,
      vpcId,
    }));
  const vpcIdOf = (inputs: Inputs) => text(inputs["vpcId"]) || filterValues(inputs, "vpc-id")?.[0] || defaultVpcId;
  const subnetResult = (s: ReturnType<typeof subnetsOf>[number]) => ({
    id: s.id,
    arn: arn("ec2", `subnet/${s.id}`),
    availabilityZone: s.zone,
    availabilityZoneId: `${region.replace(/-/g, "").slice(0, 4)}-az${zones.indexOf(s.zone) + 1}`,
    cidrBlock: s.cidr,
    vpcId: s.vpcId,
    defaultForAz: s.vpcId === defaultVpcId,
    mapPublicIpOnLaunch: s.vpcId === defaultVpcId,
    state: "available",
    ownerId: account,
    tags: {},
  });
  const secretArn = (idOrName: string) =>
    idOrName.startsWith("arn:") ? idOrName : arn("secretsmanager", `secret:${idOrName}-${secretSuffix(idOrName)}`);

  return {
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
      endpoint: `ec2.${region}.${dnsSuffix}`,
    }),
    "aws:index/getPartition:getPartition": () => ({
      partition,
      id: partition,
      dnsSuffix,
      reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
      id: region,
      names: zones,
      zoneIds: zones.map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      groupNames: [region],
      state: "available",
    }),
    "aws:index/getDefaultTags:getDefaultTags": () => ({ id: "aws", tags: {} }),

    // The default VPC (awsx classic's `Vpc.getDefault()`, Pulumi's Fargate templates) and its subnets.
    "aws:ec2/getVpc:getVpc": (inputs) => {
      const id = text(inputs["id"]) || filterValues(inputs, "vpc-id")?.[0] || defaultVpcId;
      return {
        id,
        arn: arn("ec2", `vpc/${id}`),
        cidrBlock: id === defaultVpcId ? "172.31.0.0/16" : "10.0.0.0/16",
        default: id === defaultVpcId,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        instanceTenancy: "default",
        mainRouteTableId: `rtb-${hexOf(`${id}:main`, 17)}`,
        dhcpOptionsId: `dopt-${hexOf(account, 17)}`,
        ownerId: account,
        state: "available",
        cidrBlockAssociations: [],
        tags: {},
      };
    },
    "aws:ec2/getSubnets:getSubnets": (inputs) => ({
      id: region,
      ids: subnetsOf(vpcIdOf(inputs)).map((s) => s.id),
    }),
    "aws:ec2/getSubnet:getSubnet": (inputs) => {
      const id = text(inputs["id"]) || filterValues(inputs, "subnet-id")?.[0];
      const all = subnetsOf(vpcIdOf(inputs));
      const zone = text(inputs["availabilityZone"]) || filterValues(inputs, "availability-zone")?.[0];
      const found = all.find((s) => s.id === id) ?? all.find((s) => s.zone === zone);
      return subnetResult(found ?? { ...all[0]!, id: id ?? all[0]!.id });
    },
    "aws:ec2/getVpcs:getVpcs": () => ({ id: region, ids: [defaultVpcId] }),
    "aws:ec2/getSecurityGroups:getSecurityGroups": (inputs) => {
      const vpcId = vpcIdOf(inputs);
      const id = `sg-${hexOf(`${vpcId}:default`, 17)}`;
      return { id: region, ids: [id], vpcIds: [vpcId], arns: [arn("ec2", `security-group/${id}`)] };
    },
    "aws:ec2/getInternetGateway:getInternetGateway": (inputs) => {
      const vpcId = filterValues(inputs, "attachment.vpc-id")?.[0] ?? defaultVpcId;
      const id = text(inputs["internetGatewayId"]) || `igw-${hexOf(`${vpcId}:igw`, 17)}`;
      return { id, internetGatewayId: id, arn: arn("ec2", `internet-gateway/${id}`), ownerId: account, tags: {} };
    },
    "aws:ec2/getSecurityGroup:getSecurityGroup": (inputs) => {
      const vpcId = vpcIdOf(inputs);
      const name = text(inputs["name"]) || filterValues(inputs, "group-name")?.[0] || "default";
      const id = text(inputs["id"]) || `sg-${hexOf(`${vpcId}:${name}`, 17)}`;
      return { id, arn: arn("ec2", `security-group/${id}`), name, vpcId, description: name, tags: {} };
    },
    "aws:ec2/getAmi:getAmi": (inputs) => {
      const pattern = filterValues(inputs, "name")?.[0] ?? "al2023-ami-2023.*-x86_64";
      const architecture = filterValues(inputs, "architecture")?.[0] ?? (/arm64/.test(pattern) ? "arm64" : "x86_64");
      const id = `ami-${hexOf(`${region}:${pattern}`, 17)}`;
      return {
        id,
        imageId: id,
        arn: `arn:${partition}:ec2:${region}::image/${id}`,
        name: pattern.replace(/\*/g, "20261129"),
        architecture,
        ownerId: list(inputs["owners"])[0] ?? "137112412989",
        creationDate: CREATED,
        rootDeviceName: "/dev/xvda",
        rootDeviceType: "ebs",
        virtualizationType: "hvm",
        state: "available",
        tags: {},
      };
    },

    // Parameter Store: AWS's public parameters (ECS-optimised AMIs) and a program's own, by name.
    "aws:ssm/getParameter:getParameter": (inputs) => {
      const name = text(inputs["name"]);
      const ami = `ami-${hexOf(`${region}:${name}`, 17)}`;
      const value = name.startsWith("/aws/service/")
        ? name.endsWith("/recommended")
          ? JSON.stringify({ image_id: ami, image_name: "amzn2-ami-ecs-hvm-2.0.20261129-x86_64-ebs" })
          : ami
        : `value-of-${lastPart(name, /\//)}`;
      return {
        id: name,
        name,
        arn: name.startsWith("arn:") ? name : arn("ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`),
        type: "String",
        value,
        insecureValue: value,
        version: 1,
        withDecryption: inputs["withDecryption"] ?? true,
      };
    },

    // ECR: awsx classic's `Image` logs in with getAuthorizationToken.
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (inputs) => {
      const password = `offline-plan-${hexOf(`${account}:${region}:ecr-token`, 24)}`;
      return {
        id: region,
        registryId: text(inputs["registryId"], account),
        userName: "AWS",
        password,
        authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"),
        proxyEndpoint: `https://${registryHost(text(inputs["registryId"]) || account)}`,
        expiresAt: "2026-11-29T12:00:00Z",
      };
    },
    "aws:ecr/getCredentials:getCredentials": (inputs) => {
      const registryId = text(inputs["registryId"], account);
      const password = `offline-plan-${hexOf(`${registryId}:${region}:ecr-token`, 24)}`;
      return {
        id: registryId,
        registryId,
        authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"),
        proxyEndpoint: `https://${registryHost(registryId)}`,
        expiresAt: "2026-11-29T12:00:00Z",
      };
    },
    "aws:ecr/getRepository:getRepository": (inputs) => {
      const name = text(inputs["name"]);
      const registryId = text(inputs["registryId"], account);
      return {
        id: name,
        name,
        arn: arn("ecr", `repository/${name}`),
        registryId,
        repositoryUrl: `${registryHost(registryId)}/${name}`,
        imageTagMutability: "MUTABLE",
        mostRecentImageTags: ["latest"],
        tags: {},
      };
    },
    "aws:ecr/getImage:getImage": (inputs) => {
      const repository = text(inputs["repositoryName"]);
      const tag = text(inputs["imageTag"], "latest");
      const digest = text(inputs["imageDigest"]) || `sha256:${hexOf(`${repository}:${tag}`, 64)}`;
      return {
        id: digest,
        repositoryName: repository,
        registryId: text(inputs["registryId"], account),
        imageDigest: digest,
        imageTags: [tag],
        imageUri: `${registryHost(text(inputs["registryId"]) || account)}/${repository}@${digest}`,
        imagePushedAt: 1_795_910_400,
        imageSizeInBytes: 52_428_800,
      };
    },

    "aws:iam/getPolicyDocument:getPolicyDocument": policyDocument,
    "aws:iam/getSessionContext:getSessionContext": (inputs) => {
      const given = text(inputs["arn"]);
      const role = /:assumed-role\/([^/]+)\//.exec(given)?.[1];
      const issuerArn = role ? `arn:${partition}:iam::${account}:role/${role}` : given;
      return {
        id: given,
        arn: given,
        issuerArn,
        issuerName: role ?? lastPart(given, /\//),
        issuerId: "",
        sessionName: "",
      };
    },
    "aws:iam/getRole:getRole": (inputs) => {
      const name = text(inputs["name"]);
      return {
        id: name,
        name,
        arn: `arn:${partition}:iam::${account}:role/${name}`,
        uniqueId: `AROA${hexOf(`role:${name}`, 17).toUpperCase()}`,
        path: "/",
        createDate: CREATED,
        maxSessionDuration: 3600,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags: {},
      };
    },

    // Secrets Manager: a secret's metadata, its versions; never a real value.
    "aws:secretsmanager/getSecret:getSecret": (inputs) => {
      const id = secretArn(text(inputs["arn"]) || text(inputs["name"]));
      const name = lastPart(id, /:secret:/).replace(/-[A-Za-z0-9]{6}$/, "");
      return { id, arn: id, name, description: "", kmsKeyId: "", policy: "", createdDate: CREATED, tags: {} };
    },
    // By default the secret has a current version: offline, the `put-secret-value` step of the README is assumed
    // done. A project's fixture file (or a test) answers what the provider answers for a secret without one, no
    // `versions` at all, to see how the service refuses it.
    "aws:secretsmanager/getSecretVersions:getSecretVersions": (inputs) => {
      const secretId = String(inputs["secretId"]);
      const name = secretId.split(":").at(-1) ?? secretId;
      return {
        arn: secretId,
        secretArn: secretId,
        secretId,
        name,
        secretName: name,
        region,
        id: secretId,
        versions: [{ versionId: uuidOf(`${secretId}:current`), versionStages: ["AWSCURRENT"], createdTime: CREATED }],
      };
    },

    // ECS lookups: a cluster or service that another stack (or the console) created.
    "aws:ecs/getCluster:getCluster": (inputs) => {
      const name = text(inputs["clusterName"]);
      const id = arn("ecs", `cluster/${name}`);
      return { id, arn: id, clusterName: name, status: "ACTIVE", pendingTasksCount: 0, runningTasksCount: 0 };
    },
    "aws:ecs/getService:getService": (inputs) => {
      const name = text(inputs["serviceName"]);
      const cluster = lastPart(text(inputs["clusterArn"]), /\//);
      const id = arn("ecs", `service/${cluster}/${name}`);
      return {
        id,
        arn: id,
        serviceName: name,
        clusterArn: text(inputs["clusterArn"]),
        desiredCount: 1,
        launchType: "FARGATE",
        schedulingStrategy: "REPLICA",
        taskDefinition: arn("ecs", `task-definition/${name}:1`),
        tags: {},
      };
    },
    "aws:ecs/getTaskDefinition:getTaskDefinition": (inputs) => {
      const family = lastPart(text(inputs["taskDefinition"]), /\//).split(":")[0]!;
      return {
        id: arn("ecs", `task-definition/${family}:1`),
        arn: arn("ecs", `task-definition/${family}:1`),
        arnWithoutRevision: arn("ecs", `task-definition/${family}`),
        family,
        revision: 1,
        networkMode: "awsvpc",
        status: "ACTIVE",
        executionRoleArn: `arn:${partition}:iam::${account}:role/${family}-execution`,
        taskRoleArn: `arn:${partition}:iam::${account}:role/${family}-task`,
      };
    },

    // Load balancers, certificates, zones, keys and logs that exist outside the program.
    "aws:lb/getLoadBalancer:getLoadBalancer": (inputs) => loadBalancerResult(inputs),
    "aws:alb/getLoadBalancer:getLoadBalancer": (inputs) => loadBalancerResult(inputs),
    "aws:lb/getListener:getListener": (inputs) => listenerResult(inputs),
    "aws:alb/getListener:getListener": (inputs) => listenerResult(inputs),
    "aws:lb/getTargetGroup:getTargetGroup": (inputs) => targetGroupResult(inputs),
    "aws:alb/getTargetGroup:getTargetGroup": (inputs) => targetGroupResult(inputs),
    "aws:acm/getCertificate:getCertificate": (inputs) => {
      const domain = text(inputs["domain"]);
      const id = arn("acm", `certificate/${uuidOf(`certificate:${domain}`)}`);
      return { id, arn: id, domain, status: "ISSUED", type: "AMAZON_ISSUED", keyTypes: ["RSA_2048"], tags: {} };
    },
    "aws:route53/getZone:getZone": (inputs) => {
      const name = text(inputs["name"]).replace(/\.$/, "");
      const zoneId = text(inputs["zoneId"]) || `Z${hexOf(`zone:${name}`, 20).toUpperCase()}`;
      return {
        id: zoneId,
        zoneId,
        name,
        arn: `arn:${partition}:route53:::hostedzone/${zoneId}`,
        privateZone: Boolean(inputs["privateZone"]),
        nameServers: [1, 2, 3, 4].map((n) => `ns-${n}.awsdns-0${n}.net`),
        resourceRecordSetCount: 2,
        tags: {},
      };
    },
    "aws:kms/getKey:getKey": (inputs) => {
      const keyId = text(inputs["keyId"]);
      const id = keyId.startsWith("arn:") ? lastPart(keyId, /\//) : uuidOf(`key:${keyId}`);
      return { id, arn: arn("kms", `key/${id}`), keyState: "Enabled", enabled: true, keyManager: "CUSTOMER" };
    },
    "aws:kms/getAlias:getAlias": (inputs) => {
      const name = text(inputs["name"]);
      const keyId = uuidOf(`alias:${name}`);
      return { id: name, name, arn: arn("kms", name), targetKeyId: keyId, targetKeyArn: arn("kms", `key/${keyId}`) };
    },
    "aws:cloudwatch/getLogGroup:getLogGroup": (inputs) => {
      const name = text(inputs["name"]);
      return { id: name, name, arn: arn("logs", `log-group:${name}`), retentionInDays: 0, creationTime: 0, tags: {} };
    },

    // awsx (current): the default VPC as its provider reports it.
    "awsx:ec2:getDefaultVpc": () => {
      const subnets = subnetsOf(defaultVpcId).map((s) => s.id);
      return { vpcId: defaultVpcId, publicSubnetIds: subnets, privateSubnetIds: [] };
    },
    // GitHub's team lookup (@pulumi/github getTeam, GetTeamResult): a team's numeric ID, which environment reviewers
    // name, derived from its slug so the same team always has the same ID.
    "github:index/getTeam:getTeam": (inputs) => {
      const slug = text(inputs["slug"]);
      const id = String(parseInt(hexOf(`github-team:${slug}`, 7), 16));
      return {
        id,
        slug,
        name: slug,
        nodeId: `T_${hexOf(slug, 12)}`,
        description: "",
        members: [],
        repositories: [],
        repositoriesDetaileds: [],
        privacy: "closed",
        permission: "pull",
        notificationSetting: "notifications_enabled",
      };
    },
  };

  function loadBalancerResult(inputs: Inputs) {
    const name = text(inputs["name"]) || lastPart(text(inputs["arn"]), /\//);
    const suffix = `app/${name}/${hexOf(`lb:${name}`, 16)}`;
    const id = text(inputs["arn"]) || arn("elasticloadbalancing", `loadbalancer/${suffix}`);
    return {
      id,
      arn: id,
      arnSuffix: suffix,
      name,
      dnsName: `${name}-${parseInt(hexOf(`lb:${name}`, 8), 16)}.${region}.elb.${dnsSuffix}`,
      zoneId: "Z215JYRZR1TBD5",
      loadBalancerType: "application",
      internal: false,
      vpcId: defaultVpcId,
      securityGroups: [`sg-${hexOf(`lb:${name}:sg`, 17)}`],
      subnets: subnetsOf(defaultVpcId).map((s) => s.id),
      tags: {},
    };
  }
  function listenerResult(inputs: Inputs) {
    const port = typeof inputs["port"] === "number" ? inputs["port"] : 443;
    const lb = /loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/.exec(text(inputs["loadBalancerArn"]))?.[1] ?? "app/shared/0";
    const id = text(inputs["arn"]) || arn("elasticloadbalancing", `listener/${lb}/${hexOf(`${lb}:${port}`, 16)}`);
    return {
      id,
      arn: id,
      port,
      protocol: port === 443 ? "HTTPS" : "HTTP",
      loadBalancerArn: text(inputs["loadBalancerArn"]),
    };
  }
  function targetGroupResult(inputs: Inputs) {
    const name = text(inputs["name"]) || lastPart(text(inputs["arn"]), /\//);
    const suffix = `targetgroup/${name}/${hexOf(`tg:${name}`, 16)}`;
    const id = text(inputs["arn"]) || arn("elasticloadbalancing", suffix);
    return { id, arn: id, arnSuffix: suffix, name, port: 80, protocol: "HTTP", targetType: "ip", vpcId: defaultVpcId };
  }
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

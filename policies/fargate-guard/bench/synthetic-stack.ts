import { ACCOUNT, DIGEST, awsxFargateService, container, resource, taskDefinition } from "../test/support/fixtures";
import {
  allow,
  executionRole,
  kmsKey,
  managedAttachment,
  registrySecret,
  secretRead,
} from "../test/support/fixtures-iam";
import { urnOf, type FixtureResource } from "../test/support/requests";

/**
 * A synthetic stack of `count` resources of every type the pack reads, one "service unit" of
 * 16 resources at a time (task definitions both layers, roles, policies in every IAM shape,
 * attachments, secret, key, listeners and target groups under both aws:lb and aws:alb). Every
 * fifth unit carries violations, so the rules' reporting paths run too.
 */
export function syntheticStack(count: number): FixtureResource[] {
  const resources: FixtureResource[] = [];
  for (let unit = 0; resources.length < count; unit++) resources.push(...serviceUnit(unit));
  return resources.slice(0, count);
}

function serviceUnit(unit: number): FixtureResource[] {
  const bad = unit % 5 === 4;
  const n = (name: string) => `${name}-${unit}`;
  const role = executionRole(
    {
      name: n("execution"),
      arn: `arn:aws:iam::${ACCOUNT}:role/${n("execution")}`,
      ...(bad ? { inlinePolicies: [] } : {}),
    },
    n("execution"),
  );
  const image = bad ? "ghcr.io/acme/api-private:latest" : `ghcr.io/acme/api-private@${DIGEST}`;
  const containers = [
    container({ name: "app", image }),
    container({
      name: "sidecar",
      image: `public.ecr.aws/aws-observability/aws-otel-collector@${DIGEST}`,
      repositoryCredentials: undefined,
    }),
  ];
  const task = {
    ...taskDefinition({ containers, executionRoleArn: role.props.arn, family: n("api") }, n("api")),
    propertyDependencies: { executionRoleArn: [urnOf(role)] },
  };
  const forward = {
    type: "forward",
    targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef",
  };
  const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
  const healthCheck = { enabled: true, path: "/actuator/health", matcher: "200" };
  const wildcard = allow(
    bad ? "secretsmanager:*" : "secretsmanager:GetSecretValue",
    bad ? "*" : `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/${unit}-AbCdEf`,
  );
  return [
    role,
    managedAttachment(role, bad ? "arn:aws:iam::aws:policy/SecretsManagerReadWrite" : undefined, n("execution-policy")),
    task,
    awsxFargateService({ deploymentCircuitBreaker: { enable: true, rollback: !bad } }, n("svc")),
    resource("aws:ecs/service:Service", n("ecs"), {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      networkConfiguration: { subnets: ["subnet-0a"], assignPublicIp: bad },
    }),
    resource("aws:iam/rolePolicy:RolePolicy", n("role-policy"), {
      role: bad ? "batch-jobs" : n("execution"),
      policy: JSON.stringify(wildcard),
    }),
    resource("aws:iam/policy:Policy", n("policy"), { policy: JSON.stringify(secretRead()) }),
    resource("aws:iam/userPolicy:UserPolicy", n("user-policy"), {
      user: "ci",
      policy: JSON.stringify(allow("logs:*", "*")),
    }),
    resource("aws:iam/groupPolicy:GroupPolicy", n("group-policy"), {
      group: "ops",
      policy: JSON.stringify(allow("s3:Get*", "*")),
    }),
    registrySecret({
      name: n("registry/ghcr.io"),
      arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${n("registry")}-AbCdEf`,
    }),
    kmsKey({
      arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f6e2b54-2f4c-4d8e-9a63-${String(unit).padStart(12, "0")}`,
      enableKeyRotation: !bad,
    }),
    resource("aws:lb/listener:Listener", n("http"), {
      port: 80,
      protocol: "HTTP",
      defaultActions: [bad ? forward : redirect],
    }),
    resource("aws:alb/listener:Listener", n("https"), {
      port: 443,
      protocol: "HTTPS",
      certificateArn: "arn:cert",
      defaultActions: [forward],
    }),
    resource("aws:lb/targetGroup:TargetGroup", n("tg"), {
      port: 8098,
      protocol: "HTTP",
      targetType: "ip",
      healthCheck,
    }),
    resource("aws:alb/targetGroup:TargetGroup", n("tg-alb"), {
      port: 8098,
      protocol: "HTTP",
      targetType: "ip",
      ...(bad ? {} : { healthCheck }),
    }),
    resource(
      "aws:ecs/taskDefinition:TaskDefinition",
      n("batch"),
      taskDefinition({ cpu: bad ? "256" : "512", memory: "1024", family: n("batch") }).props,
    ),
  ];
}

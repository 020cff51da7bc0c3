import type { FixtureResource } from "./requests";
import { urnOf } from "./requests";

/**
 * Compliant fixtures: each passes every rule of the pack, so a test breaks exactly one thing and
 * expects exactly one finding. Values follow the design's example service (ghcr.io private image,
 * port 8098, /actuator/health).
 */
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const DIGEST = `sha256:${"4f".repeat(32)}`;
export const IMAGE = `ghcr.io/acme/api-private:1.4@${DIGEST}`;
export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry/ghcr.io-AbCdEf`;
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f6e2b54-2f4c-4d8e-9a63-1c2b3d4e5f60`;
export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/api-execution`;
export const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/api-task`;
export const ECS_TASK_EXECUTION_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

type Props = Record<string, unknown>;

/** A container definition that passes every rule. */
export function container(overrides: Props = {}): Props {
  return {
    name: "app",
    image: IMAGE,
    essential: true,
    readonlyRootFilesystem: true,
    user: "1000:1000",
    repositoryCredentials: { credentialsParameter: SECRET_ARN },
    portMappings: [{ containerPort: 8098, protocol: "tcp" }],
    environment: [{ name: "SPRING_PROFILES_ACTIVE", value: "prod" }],
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": "/ecs/api", "awslogs-region": REGION, "awslogs-stream-prefix": "app" },
    },
    ...overrides,
  };
}

/** `aws:ecs/taskDefinition:TaskDefinition`; `containers` are serialized into the JSON string. */
export function taskDefinition(overrides: Props & { containers?: Props[] } = {}, name = "api"): FixtureResource {
  const { containers = [container()], ...props } = overrides;
  return {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name,
    props: {
      family: "api",
      cpu: "256",
      memory: "512",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      executionRoleArn: EXECUTION_ROLE_ARN,
      taskRoleArn: TASK_ROLE_ARN,
      containerDefinitions: JSON.stringify(containers),
      ...props,
    },
  };
}

/** Task definition args as awsx takes them, with an existing execution role and a separate task role. */
export function awsxTaskDefinitionArgs(overrides: Props = {}): Props {
  return {
    container: container(),
    executionRole: { roleArn: EXECUTION_ROLE_ARN },
    taskRole: { roleArn: TASK_ROLE_ARN },
    ...overrides,
  };
}

export function awsxFargateService(overrides: Props = {}, name = "api"): FixtureResource {
  return {
    type: "awsx:ecs:FargateService",
    name,
    props: {
      cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/main`,
      desiredCount: 2,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ["api-5xx", "api-unhealthy-hosts"], enable: true, rollback: true },
      networkConfiguration: {
        subnets: ["subnet-0a", "subnet-0b"],
        securityGroups: ["sg-0service"],
        assignPublicIp: false,
      },
      taskDefinitionArgs: awsxTaskDefinitionArgs(),
      ...overrides,
    },
  };
}

export function awsxFargateTaskDefinition(overrides: Props = {}, name = "api"): FixtureResource {
  return { type: "awsx:ecs:FargateTaskDefinition", name, props: awsxTaskDefinitionArgs(overrides) };
}

export function resource(
  type: string,
  name: string,
  props: Props,
  edges: Partial<FixtureResource> = {},
): FixtureResource {
  return { type, name, props, ...edges };
}

export { urnOf };

// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import type { PolicyDocument } from "@platform/iam";
import { ENVIRONMENTS } from "@platform/config/environments";
import { readStackConfig } from "@platform/config-files/stack-files";
import { serviceContract } from "@platform/contracts";
import type { ProgramRun } from "@platform/testing";
import { fargateInputs, runService, serviceDir, upstreamStacks } from "./stacks";

const ENVS = ENVIRONMENTS;
const runs = new Map<string, { service: ProgramRun; upstream: Record<string, Record<string, unknown>> }>();

beforeAll(async () => {
  for (const env of ENVS) {
    const upstream = await upstreamStacks(env);
    runs.set(env, { service: await runService(env, upstream), upstream });
  }
});

const fargate = (env: string) => fargateInputs(runs.get(env)!.service);
const container = (env: string) => fargate(env).taskDefinitionArgs.container;
const upstream = (env: string, project: string) => runs.get(env)!.upstream[`organization/${project}/${env}`]!;
/** The cut-over's first step: the group networking registered the tasks with before the upgrade (docs/upgrade.md). */
const formerTargetGroup = (env: string) => readStackConfig(serviceDir, env).values["service:formerTargetGroupArn"];

describe.each(ENVS)("service/%s", (env) => {
  it("exports the service contract", () => {
    expect(serviceContract.schema.safeParse(runs.get(env)!.service.outputs).error).toBeUndefined();
  });

  it("runs with the execution role from registry-access and a separate task role", () => {
    const { executionRole, taskRole } = fargate(env).taskDefinitionArgs;
    expect(executionRole).toEqual({ roleArn: upstream(env, "registry-access").executionRoleArn });
    const ownRole = runs.get(env)!.service.one("aws:iam/role:Role");
    expect(taskRole).toEqual({ roleArn: ownRole.state.arn });
    expect(taskRole.roleArn).not.toBe(executionRole.roleArn);
  });

  it("limits the task role's trust to this account's ECS tasks (aws:SourceAccount and aws:SourceArn)", () => {
    const trust = JSON.parse(
      runs.get(env)!.service.one("aws:iam/role:Role").inputs.assumeRolePolicy as string,
    ) as PolicyDocument;
    expect(trust.Statement[0]?.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\d{12}$/) },
      ArnLike: { "aws:SourceArn": expect.stringMatching(/^arn:aws:ecs:eu-central-1:\d{12}:\*$/) },
    });
  });

  it("places tasks in the private subnets with no public IP, behind the service security group", () => {
    const net = upstream(env, "networking");
    expect(fargate(env).assignPublicIp).toBeUndefined(); // awsx rejects it together with networkConfiguration
    expect(fargate(env).networkConfiguration).toEqual({
      subnets: net.privateSubnetIds,
      securityGroups: [net.serviceSecurityGroupId],
      assignPublicIp: false,
    });
  });

  it("registers its tasks in the former target group and its own while the cut-over's first step lasts", () => {
    const ownTargetGroup = runs.get(env)!.service.one("aws:lb/targetGroup:TargetGroup");
    expect(formerTargetGroup(env)).toMatch(/^arn:aws:elasticloadbalancing:eu-central-1:\d{12}:targetgroup\//);
    expect(fargate(env).loadBalancers).toEqual([
      { targetGroupArn: formerTargetGroup(env), containerName: "app", containerPort: 8098 },
      { targetGroupArn: ownTargetGroup.state.arn, containerName: "app", containerPort: 8098 },
    ]);
  });

  it("registers tasks by IP in its own target group, health-checking /actuator/health with tuned timings", () => {
    const tg = runs.get(env)!.service.one("aws:lb/targetGroup:TargetGroup").inputs;
    expect(tg).toMatchObject({ targetType: "ip", port: 8098, protocol: "HTTP", deregistrationDelay: 30 });
    expect(tg.vpcId).toBe(upstream(env, "networking").vpcId);
    expect(tg.healthCheck).toMatchObject({
      enabled: true,
      path: "/actuator/health",
      matcher: "200",
      interval: 10,
      healthyThreshold: 2,
    });
  });

  it("forwards every path no other service claims, last, on networking's listener, still to the former group", () => {
    const run = runs.get(env)!.service;
    const rule = run.one("aws:lb/listenerRule:ListenerRule").inputs;
    const targetGroups = [
      { arn: formerTargetGroup(env), weight: 100 },
      { arn: run.one("aws:lb/targetGroup:TargetGroup").state.arn, weight: 0 },
    ];
    expect(rule).toEqual({
      listenerArn: upstream(env, "networking").listenerArn,
      priority: 1000,
      conditions: [{ pathPattern: { values: ["/*"] } }],
      actions: [{ type: "forward", forward: { targetGroups } }],
    });
    expect(run.outputs.routing).toEqual({
      listenerArn: upstream(env, "networking").listenerArn,
      priority: 1000,
      paths: ["/*"],
      hosts: [],
    });
  });

  it("rolls back a failing deploy and keeps full capacity while deploying", () => {
    expect(fargate(env).deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(fargate(env).deploymentMinimumHealthyPercent).toBe(100);
  });

  it("rolls back a deploy whose tasks answer 5xx or fail the health check, on alarms of its own target group", () => {
    const alarms = runs.get(env)!.service.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    const ownGroup = runs.get(env)!.service.one("aws:lb/targetGroup:TargetGroup");
    expect(
      alarms.map((alarm) => [
        alarm.inputs.metricName,
        (alarm.inputs.dimensions as Record<string, unknown>).TargetGroup,
      ]),
    ).toEqual([
      ["HTTPCode_Target_5XX_Count", ownGroup.state.arnSuffix],
      ["UnHealthyHostCount", ownGroup.state.arnSuffix],
    ]);
    expect(fargate(env).alarms).toEqual({ alarmNames: alarms.map((a) => a.state.name), enable: true, rollback: true });
  });

  it("runs as user 1000 on a read-only root filesystem, writing only to a scratch /tmp", () => {
    expect(container(env)).toMatchObject({
      user: "1000:1000",
      readonlyRootFilesystem: true,
      mountPoints: [{ sourceVolume: "scratch-tmp", containerPath: "/tmp", readOnly: false }],
    });
    expect(fargate(env).taskDefinitionArgs.volumes).toEqual([{ name: "scratch-tmp" }]);
    expect(container(env)).not.toHaveProperty("privileged");
    expect(container(env)).not.toHaveProperty("linuxParameters");
  });

  it("logs the container to its own log group", () => {
    const group = runs.get(env)!.service.one("aws:cloudwatch/logGroup:LogGroup");
    expect(container(env).logConfiguration).toMatchObject({
      logDriver: "awslogs",
      options: { "awslogs-group": group.state.name, "awslogs-region": "eu-central-1" },
    });
  });

  it("sizes the task as configured, 768 MiB for the container", () => {
    expect(fargate(env).taskDefinitionArgs).toMatchObject({ cpu: "512", memory: "1024" });
    expect(container(env).memory).toBe(768);
  });

  it("turns on Container Insights", () => {
    expect(runs.get(env)!.service.one("aws:ecs/cluster:Cluster").inputs.settings).toEqual([
      { name: "containerInsights", value: "enabled" },
    ]);
  });
});

it.each([
  ["dev", 1, 7, 1, 2],
  ["staging", 2, 30, 2, 4],
  ["prod", 3, 365, 3, 10],
])("%s runs %i task(s), keeps logs %i days and scales from %i to %i", (env, desired, retention, min, max) => {
  const run = runs.get(env)!.service;
  expect(fargate(env).desiredCount).toBe(desired);
  expect(run.one("aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).toBe(retention);
  expect(run.one("aws:appautoscaling/target:Target").inputs).toMatchObject({ minCapacity: min, maxCapacity: max });
});

it.each([
  ["dev", false],
  ["staging", false],
  ["prod", true],
])("%s keeps the log group, and its logs, when the stack is destroyed: %s", (env, retain) => {
  expect(runs.get(env)!.service.one("aws:cloudwatch/logGroup:LogGroup").lifecycle.retainOnDelete).toBe(retain);
});

it.each([["staging"], ["prod"]])(
  "%s pulls the image with the credentials registry-access exports for ghcr.io",
  (env) => {
    const credentials = upstream(env, "registry-access").registryCredentials as Record<string, string>;
    expect(container(env).image).toMatch(/^ghcr\.io\/jonashackt\/microservice-api-spring-boot-private[:@]/);
    expect(container(env).repositoryCredentials).toEqual({ credentialsParameter: credentials["ghcr.io"] });
  },
);

it("dev pulls the image from the account's ECR, through the pull-through cache for ghcr.io, with no credentials", () => {
  const caches = upstream("dev", "registry-access").pullThroughCaches as Record<string, string>;
  expect(container("dev").image).toBe(
    "111111111111.dkr.ecr.eu-central-1.amazonaws.com/ghcr-dev/jonashackt/microservice-api-spring-boot-private@sha256:3b8f6a2d9c1e4f7a0b5d8e2c6f9a1b4d7e0c3f6a9b2d5e8c1f4a7b0d3e6f9a2c",
  );
  expect(container("dev").image.startsWith(`${caches["ghcr.io"]}/`)).toBe(true);
  expect(container("dev").repositoryCredentials).toBeUndefined();
});

it.each([["staging"], ["prod"]])("%s runs an image pinned by digest", (env) => {
  expect(container(env).image).toMatch(/@sha256:[0-9a-f]{64}$/);
  expect(runs.get(env)!.service.outputs.image).toBe(container(env).image);
});

it("routes users to the networking stack's URL", () => {
  expect(runs.get("prod")!.service.outputs.url).toBe(upstream("prod", "networking").url);
});

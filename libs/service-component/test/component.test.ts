// The component through its program (serviceProgram, as every service project runs it), under the AWS mocks, with
// the upstream stacks' outputs given as their contracts shape them: which children it declares and with what inputs.
import * as path from "node:path";
import { environmentDefaults } from "@platform/config/environments";
import { type PolicyDocument } from "@platform/iam";
import { evaluateAccess } from "@platform/iam/access";
import { programFailure, runProgram, type ProgramRun, type RunProgramOptions } from "@platform/testing";
import { ECS_OWNED_WEIGHTS } from "../src";

const projectDir = path.join(__dirname, "fixtures", "svc");
const ACCOUNT = { dev: "111111111111", prod: "333333333333" } as const;
type Env = keyof typeof ACCOUNT;

const GHCR_SECRET = (env: Env) => `arn:aws:secretsmanager:eu-central-1:${ACCOUNT[env]}:secret:registry-ghcr-AbCdEf`;
const LISTENER = (env: Env) =>
  `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT[env]}:listener/app/shared/0123456789abcdef/fedcba9876543210`;
const upstream = (env: Env) => ({
  [`organization/networking/${env}`]: {
    vpcId: "vpc-0123456789abcdef0",
    publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
    privateSubnetIds: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
    albArn: `arn:aws:elasticloadbalancing:eu-central-1:${ACCOUNT[env]}:loadbalancer/app/shared/0123456789abcdef`,
    albDnsName: "shared-123.eu-central-1.elb.amazonaws.com",
    albSecurityGroupId: "sg-0000000000000000a",
    listenerArn: LISTENER(env),
    serviceSecurityGroupId: "sg-0000000000000000b",
    servicePort: 8098,
    url: "http://shared-123.eu-central-1.elb.amazonaws.com",
  },
  [`organization/registry-access/${env}`]: {
    executionRoleArn: `arn:aws:iam::${ACCOUNT[env]}:role/registry-access-${env}-execution`,
    registryCredentials: { "ghcr.io": GHCR_SECRET(env) },
    executionRolePolicies: { inlinePolicies: [], managedPolicyArns: [] },
  },
});

const run = (env: Env, config: RunProgramOptions["config"] = {}, extra: Partial<RunProgramOptions> = {}) =>
  runProgram({ projectDir, env, config, stackOutputs: upstream(env), ...extra });

/** The inputs of the one child of `type`. */
type RecordedResource = ProgramRun["resources"][number];
const inputsOf = (program: ProgramRun, type: string) => program.one(type).inputs as Record<string, unknown>;
const fargate = (program: ProgramRun) => inputsOf(program, "awsx:ecs:FargateService");
const container = (program: ProgramRun) =>
  (fargate(program).taskDefinitionArgs as { container: Record<string, unknown> }).container;

describe("a service with only the required keys, in dev", () => {
  let program: ProgramRun;
  beforeAll(async () => {
    program = await run("dev");
  });
  const dev = environmentDefaults("dev");

  it("declares the component and its children, named after the service and the environment", () => {
    expect(program.resources.map((r) => `${r.type} ${r.name}`).filter((r) => !r.startsWith("aws:ecs/task"))).toEqual(
      expect.arrayContaining([
        "platform:service:Service svc-dev",
        "aws:ecs/cluster:Cluster svc-dev",
        "aws:cloudwatch/logGroup:LogGroup svc-dev",
        "aws:iam/role:Role svc-dev-task",
        "aws:lb/targetGroup:TargetGroup svc-dev",
        "aws:lb/listenerRule:ListenerRule svc-dev",
        "awsx:ecs:FargateService svc-dev",
        "aws:appautoscaling/target:Target svc-dev-scaling",
        "aws:appautoscaling/policy:Policy svc-dev-scaling-cpu",
      ]),
    );
  });

  it("gives the cluster Container Insights and the log group the profile's retention", () => {
    expect(inputsOf(program, "aws:ecs/cluster:Cluster").settings).toEqual([
      { name: "containerInsights", value: "enabled" },
    ]);
    expect(inputsOf(program, "aws:cloudwatch/logGroup:LogGroup")).toMatchObject({
      name: "/ecs/svc-dev",
      retentionInDays: dev.logRetentionDays,
    });
  });

  it("adds its own target group, health-checked on /actuator/health, and a rule for every path on the listener", () => {
    expect(inputsOf(program, "aws:lb/targetGroup:TargetGroup")).toMatchObject({
      targetType: "ip",
      vpcId: "vpc-0123456789abcdef0",
      port: 8098,
      protocol: "HTTP",
      deregistrationDelay: 30,
      healthCheck: { enabled: true, path: "/actuator/health", port: "traffic-port", protocol: "HTTP", matcher: "200" },
    });
    const targetGroup = program.one("aws:lb/targetGroup:TargetGroup");
    expect(inputsOf(program, "aws:lb/listenerRule:ListenerRule")).toEqual({
      listenerArn: LISTENER("dev"),
      priority: 100,
      conditions: [{ pathPattern: { values: ["/*"] } }],
      actions: [{ type: "forward", targetGroupArn: targetGroup.state.arn }],
    });
  });

  it("runs 512 CPU units and 1024 MiB, the container 768 MiB with the ghcr.io secret, in the private subnets, as user 1000 on a read-only root with a scratch /tmp", () => {
    expect(fargate(program)).toMatchObject({
      desiredCount: dev.desiredCount,
      networkConfiguration: {
        subnets: ["subnet-0000000000000000c", "subnet-0000000000000000d"],
        securityGroups: ["sg-0000000000000000b"],
        assignPublicIp: false,
      },
      healthCheckGracePeriodSeconds: 90,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      taskDefinitionArgs: {
        cpu: "512",
        memory: "1024",
        executionRole: { roleArn: `arn:aws:iam::${ACCOUNT.dev}:role/registry-access-dev-execution` },
        taskRole: { roleArn: program.one("aws:iam/role:Role").state.arn },
        volumes: [{ name: "scratch-tmp" }],
      },
    });
    expect(container(program)).toEqual({
      name: "app",
      image: "ghcr.io/acme/svc-private:1.0",
      essential: true,
      readonlyRootFilesystem: true,
      user: "1000:1000",
      mountPoints: [{ sourceVolume: "scratch-tmp", containerPath: "/tmp", readOnly: false }],
      memory: 768,
      portMappings: [{ containerPort: 8098, protocol: "tcp" }],
      repositoryCredentials: { credentialsParameter: GHCR_SECRET("dev") },
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": program.one("aws:cloudwatch/logGroup:LogGroup").state.name,
          "awslogs-region": "eu-central-1",
          "awslogs-stream-prefix": "app",
        },
      },
    });
  });

  it("rolls a deployment back on alarms of its own target group: 5xx answers and unhealthy targets", () => {
    const alarms = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((alarm) => [alarm.name, alarm.inputs.metricName, alarm.inputs.dimensions])).toEqual(
      ["HTTPCode_Target_5XX_Count", "UnHealthyHostCount"].map((metric, index) => [
        `svc-dev-${["5xx", "unhealthy-hosts"][index]}`,
        metric,
        {
          LoadBalancer: "app/shared/0123456789abcdef",
          TargetGroup: program.one("aws:lb/targetGroup:TargetGroup").state.arnSuffix,
        },
      ]),
    );
    expect(fargate(program).alarms).toEqual({
      alarmNames: alarms.map((alarm) => alarm.state.name),
      enable: true,
      rollback: true,
    });
  });

  it("scales between the profile's bounds on average CPU", () => {
    const { minCapacity, maxCapacity, cpuTargetPercent } = dev.autoscaling;
    expect(inputsOf(program, "aws:appautoscaling/target:Target")).toMatchObject({
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: expect.stringMatching(/^service\/svc-dev-[0-9a-f]+\/svc-dev/) as unknown,
      minCapacity,
      maxCapacity,
    });
    expect(
      inputsOf(program, "aws:appautoscaling/policy:Policy").targetTrackingScalingPolicyConfiguration,
    ).toMatchObject({
      predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
      targetValue: cpuTargetPercent,
    });
  });

  it("exports its names, the URL, the image and its rule", () => {
    expect(program.outputs).toEqual({
      clusterName: program.one("aws:ecs/cluster:Cluster").state.name,
      serviceName: expect.stringMatching(/^svc-dev/) as unknown,
      url: "http://shared-123.eu-central-1.elb.amazonaws.com",
      image: "ghcr.io/acme/svc-private:1.0",
      routing: { listenerArn: LISTENER("dev"), priority: 100, paths: ["/*"], hosts: [] },
    });
  });
});

describe("every optional key, set", () => {
  let program: ProgramRun;
  beforeAll(async () => {
    program = await run("dev", {
      "svc:cpu": "1024",
      "svc:memory": "4096",
      "svc:containerMemory": "2048",
      "svc:desiredCount": "3",
      "svc:autoscaling": '{"minCapacity":2,"maxCapacity":6,"cpuTargetPercent":50}',
      "svc:logRetentionDays": "90",
      "svc:healthCheckGracePeriodSeconds": "120",
      "svc:healthCheckPath": "/health",
      "svc:command": '["--port","8098"]',
      "svc:deregistrationDelaySeconds": "5",
      "svc:paths": '["/shop/*"]',
      "svc:hosts": '["shop.example.com"]',
      "svc:formerName": "app-dev",
      "svc:user": "app:app",
      "svc:writablePaths": '["/tmp","/var/cache/app","/var/cache.app"]',
    });
  });

  it("reaches each child that reads it", () => {
    expect(fargate(program)).toMatchObject({
      desiredCount: 3,
      healthCheckGracePeriodSeconds: 120,
      taskDefinitionArgs: { cpu: "1024", memory: "4096" },
    });
    expect(container(program)).toMatchObject({ memory: 2048, command: ["--port", "8098"], user: "app:app" });
    expect((fargate(program).taskDefinitionArgs as { volumes: unknown }).volumes).toEqual([
      { name: "scratch-tmp" },
      { name: "scratch-var-cache-app" },
      { name: "scratch-var-cache-app-2" },
    ]);
    expect(container(program).mountPoints).toEqual([
      { sourceVolume: "scratch-tmp", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "scratch-var-cache-app", containerPath: "/var/cache/app", readOnly: false },
      { sourceVolume: "scratch-var-cache-app-2", containerPath: "/var/cache.app", readOnly: false },
    ]);
    expect(inputsOf(program, "aws:lb/targetGroup:TargetGroup")).toMatchObject({
      deregistrationDelay: 5,
      healthCheck: { path: "/health" },
    });
    expect(inputsOf(program, "aws:appautoscaling/target:Target")).toMatchObject({ minCapacity: 2, maxCapacity: 6 });
    expect(
      inputsOf(program, "aws:appautoscaling/policy:Policy").targetTrackingScalingPolicyConfiguration,
    ).toMatchObject({ targetValue: 50 });
  });

  it("matches host and path together, and keeps the former log group with the new retention", () => {
    expect(inputsOf(program, "aws:lb/listenerRule:ListenerRule").conditions).toEqual([
      { hostHeader: { values: ["shop.example.com"] } },
      { pathPattern: { values: ["/shop/*"] } },
    ]);
    expect(inputsOf(program, "aws:cloudwatch/logGroup:LogGroup")).toMatchObject({
      name: "/ecs/app-dev",
      retentionInDays: 90,
    });
    expect(program.outputs.routing).toMatchObject({ paths: ["/shop/*"], hosts: ["shop.example.com"] });
  });
});

it("leaves a deployment to the circuit breaker alone when a service turns its alarms off", async () => {
  const program = await run("dev", { "svc:deploymentAlarms": "false" });
  expect(program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).toEqual([]);
  expect(fargate(program)).not.toHaveProperty("alarms");
  expect(fargate(program).deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
});

describe("where the image comes from", () => {
  it.each([
    ["private ECR", `${ACCOUNT.dev}.dkr.ecr.eu-central-1.amazonaws.com/svc:1.0`],
    ["public ECR", "public.ecr.aws/nginx/nginx:1.27"],
  ])("pulls from %s without repositoryCredentials", async (_where, image) => {
    const program = await run("dev", { "svc:image": image });
    expect(container(program)).not.toHaveProperty("repositoryCredentials");
    expect(container(program).image).toBe(image);
  });

  it("pulls through the account's ECR where registry-access caches the host, path, tag and digest kept", async () => {
    const cache = `${ACCOUNT.dev}.dkr.ecr.eu-central-1.amazonaws.com/ghcr-dev`;
    const stacks = upstream("dev");
    const registryAccess = stacks["organization/registry-access/dev"]!;
    const digest = `sha256:${"c0".repeat(32)}`;
    const program = await run(
      "dev",
      { "svc:image": `ghcr.io/acme/svc-private:1.0@${digest}` },
      {
        stackOutputs: {
          ...stacks,
          "organization/registry-access/dev": {
            ...registryAccess,
            registryCredentials: {},
            pullThroughCaches: { "ghcr.io": cache },
          },
        },
      },
    );
    expect(container(program).image).toBe(`${cache}/acme/svc-private:1.0@${digest}`);
    expect(container(program)).not.toHaveProperty("repositoryCredentials");
  });

  it("pulls an image on the profile's public prefixes without repositoryCredentials", async () => {
    const program = await run(
      "dev",
      { "svc:image": "ghcr.io/acme/open:1.0" },
      { profile: { publicImagePrefixes: ["ghcr.io/acme/open"] } },
    );
    expect(container(program)).not.toHaveProperty("repositoryCredentials");
  });

  it("refuses a private registry registry-access holds no credentials for, before declaring a resource of its own", async () => {
    const error = await programFailure(run("dev", { "svc:image": "registry.gitlab.com/acme/svc:1.0" }));
    expect(error.message).toContain(
      '`svc:image` in Pulumi.dev.yaml is "registry.gitlab.com/acme/svc:1.0", on the private registry ' +
        "registry.gitlab.com, but stack organization/registry-access/dev holds credentials only for ghcr.io.",
    );
    // It read its upstream stacks, and declared nothing.
    expect(error.resources.map((r) => r.type)).toEqual([
      "pulumi:pulumi:StackReference",
      "pulumi:pulumi:StackReference",
    ]);
  });

  it("runs prod's digest with prod's credentials and the prod profile's defaults", async () => {
    const program = await run("prod");
    const prod = environmentDefaults("prod");
    expect(container(program).repositoryCredentials).toEqual({ credentialsParameter: GHCR_SECRET("prod") });
    expect(fargate(program).desiredCount).toBe(prod.desiredCount);
    expect(inputsOf(program, "aws:cloudwatch/logGroup:LogGroup").retentionInDays).toBe(prod.logRetentionDays);
  });
});

describe("a blue/green service, as prod's profile deploys it", () => {
  let program: ProgramRun;
  beforeAll(async () => {
    program = await run("prod");
  });
  const groups = () => program.ofType("aws:lb/targetGroup:TargetGroup");
  const [own, alternate] = ["svc-prod", "svc-prod-alternate"].map(
    (name) => () => groups().find((group) => group.name === name)!,
  ) as [() => RecordedResource, () => RecordedResource];
  const rule = () => program.one("aws:lb/listenerRule:ListenerRule");
  const trafficRole = () => program.ofType("aws:iam/role:Role").find((role) => role.name === "svc-prod-traffic")!;

  it("adds a second target group alike to its own, and a rule forwarding all to its own and none to it", () => {
    expect(groups().map((group) => group.name)).toEqual(["svc-prod", "svc-prod-alternate"]);
    expect(alternate().inputs).toEqual(own().inputs);
    expect(rule().inputs.actions).toEqual([
      {
        type: "forward",
        forward: {
          targetGroups: [
            { arn: own().state.arn, weight: 100 },
            { arn: alternate().state.arn, weight: 0 },
          ],
        },
      },
    ]);
  });

  it("leaves the rule's weights to ECS, and nothing else of it", () => {
    expect(rule().lifecycle.ignoreChanges).toEqual([ECS_OWNED_WEIGHTS]);
    expect(own().lifecycle.ignoreChanges).toEqual([]);
  });

  it("deploys blue/green with the profile's bake time, the alarms and the circuit breaker", () => {
    expect(fargate(program)).toMatchObject({
      deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { enable: true, rollback: true },
      loadBalancers: [
        {
          targetGroupArn: own().state.arn,
          containerName: "app",
          containerPort: 8098,
          advancedConfiguration: {
            alternateTargetGroupArn: alternate().state.arn,
            productionListenerRule: rule().state.arn,
            roleArn: trafficRole().state.arn,
          },
        },
      ],
    });
  });

  it("watches both target groups with each alarm, so a deployment to either is rolled back", () => {
    const alarms = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    const watched = alarms.map((alarm) => [
      alarm.name,
      (alarm.inputs.metricQueries as { metric?: { dimensions: { TargetGroup: string } }; expression?: string }[]).map(
        (query) => query.metric?.dimensions.TargetGroup ?? query.expression,
      ),
    ]);
    const suffixes = [own().state.arnSuffix, alternate().state.arnSuffix];
    expect(watched).toEqual([
      ["svc-prod-5xx", [...suffixes, "FILL(m0, 0) + FILL(m1, 0)"]],
      ["svc-prod-unhealthy-hosts", [...suffixes, "MAX([FILL(m0, 0), FILL(m1, 0)])"]],
    ]);
  });

  it("lets ECS assume its traffic role only for this account, and shift only this service's rule and groups", async () => {
    const trust = JSON.parse(trafficRole().inputs.assumeRolePolicy as string) as PolicyDocument;
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "ecs.amazonaws.com" },
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT.prod },
          ArnLike: { "aws:SourceArn": `arn:aws:ecs:eu-central-1:${ACCOUNT.prod}:*` },
        },
      }),
    ]);
    const policy = program.one("aws:iam/rolePolicy:RolePolicy");
    expect(policy.inputs.role).toBe(trafficRole().state.name);
    const identityPolicies = [JSON.parse(policy.inputs.policy as string) as PolicyDocument];
    const allowed = async (action: string, resource: string) =>
      (await evaluateAccess({ identityPolicies, action, resource })).allowed;
    const otherGroup = String(own().state.arn).replace(/\/[0-9a-f]{16}$/, "/0000000000000000");
    const otherRule = String(rule().state.arn).replace(/\/[0-9a-f]{16}$/, "/0000000000000000");
    expect(
      await Promise.all([
        allowed("elasticloadbalancing:ModifyRule", String(rule().state.arn)),
        allowed("elasticloadbalancing:RegisterTargets", String(alternate().state.arn)),
        allowed("elasticloadbalancing:DeregisterTargets", String(own().state.arn)),
        allowed("elasticloadbalancing:ModifyRule", otherRule),
        allowed("elasticloadbalancing:RegisterTargets", otherGroup),
        allowed("elasticloadbalancing:ModifyListener", LISTENER("prod")),
      ]),
    ).toEqual([true, true, true, false, false, false]);
  });
});

it("deploys rolling, with one target group and no traffic role, where the service asks for it", async () => {
  const program = await run("prod", { "svc:deployment": '{"strategy":"rolling"}' });
  expect(program.ofType("aws:lb/targetGroup:TargetGroup").map((group) => group.name)).toEqual(["svc-prod"]);
  expect(program.ofType("aws:iam/role:Role").map((role) => role.name)).toEqual(["svc-prod-task"]);
  expect(program.one("aws:lb/listenerRule:ListenerRule").lifecycle.ignoreChanges).toEqual([]);
  expect(fargate(program)).not.toHaveProperty("deploymentConfiguration");
});

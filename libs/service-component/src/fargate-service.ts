import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "./config";
import type { ImagePull } from "./credentials";
import type { NetworkingOutputs } from "@platform/contracts";
import { ignoreDesiredCountOnService } from "./ignore-desired-count";

export interface FargateServiceArgs {
  readonly config: ServiceConfig;
  readonly networking: NetworkingOutputs;
  readonly clusterArn: pulumi.Input<string>;
  /**
   * The groups its tasks register with: the service's own, which its rule on the shared listener forwards to, and
   * during the cut-over's first step also the former one (`ruleActions`).
   */
  readonly targetGroupArns: readonly pulumi.Input<string>[];
  readonly executionRoleArn: string;
  readonly taskRoleArn: pulumi.Input<string>;
  /** The image the container pulls, and the secret it pulls with (none for ECR and its pull-through cache). */
  readonly pull: ImagePull;
  readonly logGroupName: pulumi.Input<string>;
  /** The CloudWatch alarms that roll a deployment back; none leaves it to the circuit breaker alone. */
  readonly alarmNames: readonly pulumi.Input<string>[];
  /** ECS's native blue/green deployment over the one target group and its alternate. @default - rolling */
  readonly blueGreen?: BlueGreenArgs;
}

export interface BlueGreenArgs {
  readonly alternateTargetGroupArn: pulumi.Input<string>;
  /** The rule on the shared listener that forwards to both groups, whose weights ECS shifts. */
  readonly productionListenerRuleArn: pulumi.Input<string>;
  /** The role ECS assumes to shift them (`createTrafficRole`). */
  readonly roleArn: pulumi.Input<string>;
  readonly bakeTimeInMinutes: number;
}

export const CONTAINER_NAME = "app";

/**
 * One scratch volume per writable path, named after it (`/var/cache/app` → `scratch-var-cache-app`): a Fargate task
 * volume with no host path or configuration lives on the task's ephemeral storage and goes with the task, so the
 * container's root filesystem can stay read-only (Amazon ECS developer guide, "Bind mounts").
 */
export function scratchVolumes(paths: readonly string[]): { name: string; containerPath: string }[] {
  const taken = new Set<string>();
  return paths.map((containerPath, index) => {
    const named = `scratch${containerPath.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    // `/a.b` and `/a-b` would share a name, and a task definition's volume names must be unique.
    const name = taken.has(named) ? `${named}-${index}` : named;
    taken.add(name);
    return { name, containerPath };
  });
}

/**
 * The Fargate service in the private subnets, registered with its own target group on the shared ALB. Rolling deploys
 * keep full capacity (minimum healthy 100%); the circuit breaker rolls back a deploy whose tasks never become
 * healthy, such as one whose image cannot be pulled, and the alarms one whose tasks start but answer 5xx.
 */
export function createFargateService(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
  const { config, networking, blueGreen } = args;
  // ECS pairs one group with its alternate; the cut-over's two groups deploy rolling (ServiceConfig `deployment`).
  if (blueGreen && args.targetGroupArns.length !== 1)
    throw new Error("a blue/green service has exactly one target group");
  const region = aws.getRegionOutput({}, opts);
  const scratch = scratchVolumes(config.writablePaths);
  return new awsx.ecs.FargateService(
    name,
    {
      cluster: args.clusterArn,
      desiredCount: config.desiredCount,
      // awsx accepts either assignPublicIp or networkConfiguration, not both; the latter carries it.
      networkConfiguration: {
        subnets: networking.privateSubnetIds,
        securityGroups: [networking.serviceSecurityGroupId],
        assignPublicIp: false,
      },
      // ECS updates a service's load balancers in place (terraform-provider-aws internal/service/ecs/service.go:
      // `load_balancer` is not ForceNew) and starts a deployment; a task counts as healthy once every group says so.
      loadBalancers: args.targetGroupArns.map((targetGroupArn) => ({
        targetGroupArn,
        containerName: CONTAINER_NAME,
        containerPort: networking.servicePort,
        ...(blueGreen
          ? {
              advancedConfiguration: {
                alternateTargetGroupArn: blueGreen.alternateTargetGroupArn,
                productionListenerRule: blueGreen.productionListenerRuleArn,
                roleArn: blueGreen.roleArn,
              },
            }
          : {}),
      })),
      // awsx passes these through to its aws.ecs.Service (pulumi-awsx awsx/ecs/fargateService.ts, `...args`).
      // Blue/green: the new revision starts at full count in the idle group, the rule shifts to it at once, and the old
      // revision stays for the bake time, while the alarms and the circuit breaker may still roll back (Amazon ECS
      // developer guide, "Amazon ECS deployment failure detection": both support rolling and blue/green).
      ...(blueGreen
        ? {
            deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(blueGreen.bakeTimeInMinutes) },
          }
        : {}),
      healthCheckGracePeriodSeconds: config.healthCheckGracePeriodSeconds,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(args.alarmNames.length ? { alarms: { alarmNames: [...args.alarmNames], enable: true, rollback: true } } : {}),
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      taskDefinitionArgs: {
        cpu: String(config.cpu),
        memory: String(config.memory),
        executionRole: { roleArn: args.executionRoleArn },
        taskRole: { roleArn: args.taskRoleArn },
        // The log group is created beside the service with the environment's retention.
        logGroup: { skip: true },
        volumes: scratch.map(({ name: volume }) => ({ name: volume })),
        container: {
          name: CONTAINER_NAME,
          image: args.pull.image,
          essential: true,
          // Nothing in the image can be changed from inside the container; it writes only to its scratch volumes.
          readonlyRootFilesystem: true,
          user: config.user,
          mountPoints: scratch.map(({ name: sourceVolume, containerPath }) => ({
            sourceVolume,
            containerPath,
            readOnly: false,
          })),
          memory: config.containerMemory,
          portMappings: [{ containerPort: networking.servicePort, protocol: "tcp" }],
          ...(config.command ? { command: [...config.command] } : {}),
          ...(args.pull.credentialsSecretArn
            ? { repositoryCredentials: { credentialsParameter: args.pull.credentialsSecretArn } }
            : {}),
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": args.logGroupName,
              "awslogs-region": region.region,
              "awslogs-stream-prefix": CONTAINER_NAME,
            },
          },
        },
      },
    },
    { ...opts, transforms: [...(opts?.transforms ?? []), ignoreDesiredCountOnService] },
  );
}

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "@platform/config";
import { taskRoleTrustPolicy } from "@platform/iam";

/** The cluster, with Container Insights for per-task CPU, memory and restart metrics. */
export function createCluster(name: string, opts?: pulumi.CustomResourceOptions): aws.ecs.Cluster {
  return new aws.ecs.Cluster(name, { settings: [{ name: "containerInsights", value: "enabled" }] }, opts);
}

export function createLogGroup(name: string, config: ServiceConfig, opts?: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(name, { name: `/ecs/${name}`, retentionInDays: config.logRetentionDays }, opts);
}

/**
 * The role the application itself runs as. It is separate from the execution role, so the application
 * cannot read the registry credentials; it starts with no permissions.
 */
export function createTaskRole(name: string, opts?: pulumi.CustomResourceOptions): aws.iam.Role {
  const identity = aws.getCallerIdentityOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  return new aws.iam.Role(name, {
    description: "ECS task role of the application (no permissions by default)",
    assumeRolePolicy: pulumi
      .all([identity.accountId, partition.partition, region.region])
      .apply(([accountId, p, r]) => JSON.stringify(taskRoleTrustPolicy({ accountId, partition: p, region: r }))),
  }, opts);
}

/** Target tracking on average CPU between the environment's bounds. */
export function createAutoscaling(name: string, config: ServiceConfig, clusterName: pulumi.Input<string>, serviceName: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions) {
  const target = new aws.appautoscaling.Target(name, {
    serviceNamespace: "ecs",
    scalableDimension: "ecs:service:DesiredCount",
    resourceId: pulumi.interpolate`service/${clusterName}/${serviceName}`,
    minCapacity: config.autoscaling.minCapacity,
    maxCapacity: config.autoscaling.maxCapacity,
  }, opts);
  new aws.appautoscaling.Policy(`${name}-cpu`, {
    policyType: "TargetTrackingScaling",
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
      targetValue: config.autoscaling.cpuTargetPercent,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
    },
  }, opts);
  return target;
}

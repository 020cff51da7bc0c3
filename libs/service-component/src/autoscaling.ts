import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "./config";
import type { ChildOptions } from "./former-names";

/** Target tracking on average CPU between the environment's bounds. */
export function createAutoscaling(
  name: string,
  config: ServiceConfig,
  clusterName: pulumi.Input<string>,
  serviceName: pulumi.Input<string>,
  options: ChildOptions,
): aws.appautoscaling.Target {
  const target = new aws.appautoscaling.Target(
    name,
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${clusterName}/${serviceName}`,
      minCapacity: config.autoscaling.minCapacity,
      maxCapacity: config.autoscaling.maxCapacity,
    },
    options(name),
  );
  new aws.appautoscaling.Policy(
    `${name}-cpu`,
    {
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
    },
    options(`${name}-cpu`),
  );
  return target;
}

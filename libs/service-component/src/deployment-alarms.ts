import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DeploymentAlarmsArgs {
  /** The shared ALB (networking's `albArn`): CloudWatch names it by its ARN's suffix, `app/<name>/<id>`. */
  readonly albArn: string;
  /** The service's own target group: only its requests and targets count. */
  readonly targetGroup: aws.lb.TargetGroup;
}

/** `app/<name>/<id>`, the `LoadBalancer` dimension of AWS/ApplicationELB metrics, from the ALB's ARN. */
export function loadBalancerDimension(albArn: string): string {
  const suffix = albArn.split(":loadbalancer/")[1];
  if (!suffix) throw new Error(`not an ALB ARN: ${albArn}`);
  return suffix;
}

/**
 * The alarms that roll a deployment back (the service's `alarms`): answers with 5xx from the service's own targets,
 * and targets failing the health check, both on its own target group. ECS watches them from the start of a
 * deployment through its bake time, and rolls back when either goes to ALARM (Amazon ECS developer guide, "How
 * CloudWatch alarms detect Amazon ECS deployment failures"). Missing data (no traffic) is not a failure.
 */
export function createDeploymentAlarms(
  name: string,
  args: DeploymentAlarmsArgs,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm[] {
  const dimensions = {
    LoadBalancer: loadBalancerDimension(args.albArn),
    TargetGroup: args.targetGroup.arnSuffix,
  };
  const alarm = (suffix: string, description: string, metric: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
    new aws.cloudwatch.MetricAlarm(
      `${name}-${suffix}`,
      {
        alarmDescription: `${name}: ${description}; rolls a deployment of the service back.`,
        namespace: "AWS/ApplicationELB",
        dimensions,
        period: 60,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        ...metric,
      },
      opts,
    );
  return [
    alarm("5xx", "its targets answered 5xx", {
      metricName: "HTTPCode_Target_5XX_Count",
      statistic: "Sum",
      threshold: 10,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    }),
    alarm("unhealthy-hosts", "targets fail the health check", {
      metricName: "UnHealthyHostCount",
      statistic: "Maximum",
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    }),
  ];
}

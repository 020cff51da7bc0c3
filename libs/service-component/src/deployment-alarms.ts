import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DeploymentAlarmsArgs {
  /** The shared ALB (networking's `albArn`): CloudWatch names it by its ARN's suffix, `app/<name>/<id>`. */
  readonly albArn: string;
  /** The service's own target group: only its requests and targets count. */
  readonly targetGroup: aws.lb.TargetGroup;
  /** A blue/green service's second group: the new revision serves from either, so each alarm adds both. @default - none */
  readonly alternateTargetGroup?: aws.lb.TargetGroup;
}

/** What an alarm measures: one metric of the target group, and how the groups' values combine. */
interface Measure {
  readonly metricName: string;
  readonly statistic: "Sum" | "Maximum";
  /** Metric math over the groups' series `m0`, `m1` (a group without data counts as 0). */
  readonly combine: (series: string[]) => string;
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
  const loadBalancer = loadBalancerDimension(args.albArn);
  const groups = [args.targetGroup, ...(args.alternateTargetGroup ? [args.alternateTargetGroup] : [])];
  const period = 60;
  // One group: the metric itself. Two: CloudWatch metric math over both (CloudWatch user guide, "Using metric math").
  const metric = (measure: Measure): Partial<aws.cloudwatch.MetricAlarmArgs> =>
    groups.length === 1
      ? {
          namespace: "AWS/ApplicationELB",
          dimensions: { LoadBalancer: loadBalancer, TargetGroup: args.targetGroup.arnSuffix },
          period,
          metricName: measure.metricName,
          statistic: measure.statistic,
        }
      : {
          metricQueries: [
            ...groups.map((group, index) => ({
              id: `m${index}`,
              returnData: false,
              metric: {
                namespace: "AWS/ApplicationELB",
                metricName: measure.metricName,
                dimensions: { LoadBalancer: loadBalancer, TargetGroup: group.arnSuffix },
                period,
                stat: measure.statistic,
              },
            })),
            {
              id: "both",
              label: `${measure.metricName} of both target groups`,
              returnData: true,
              expression: measure.combine(groups.map((_, index) => `FILL(m${index}, 0)`)),
            },
          ],
        };
  const alarm = (
    suffix: string,
    description: string,
    measure: Measure,
    rest: Partial<aws.cloudwatch.MetricAlarmArgs>,
  ) =>
    new aws.cloudwatch.MetricAlarm(
      `${name}-${suffix}`,
      {
        alarmDescription: `${name}: ${description}; rolls a deployment of the service back.`,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        ...metric(measure),
        ...rest,
      },
      opts,
    );
  return [
    alarm(
      "5xx",
      "its targets answered 5xx",
      { metricName: "HTTPCode_Target_5XX_Count", statistic: "Sum", combine: (m) => m.join(" + ") },
      { threshold: 10, evaluationPeriods: 2, datapointsToAlarm: 2 },
    ),
    alarm(
      "unhealthy-hosts",
      "targets fail the health check",
      { metricName: "UnHealthyHostCount", statistic: "Maximum", combine: (m) => `MAX([${m.join(", ")}])` },
      { threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 3 },
    ),
  ];
}

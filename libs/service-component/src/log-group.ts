import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "./config";

/** The container's log group; its retention comes from the environment (profile or `service:logRetentionDays`). */
export function createLogGroup(
  name: string,
  config: ServiceConfig,
  opts?: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(name, { name: `/ecs/${name}`, retentionInDays: config.logRetentionDays }, opts);
}

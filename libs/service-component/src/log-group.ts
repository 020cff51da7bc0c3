import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "./config";

/**
 * The container's log group, `/ecs/<name>`; its retention comes from the environment (profile or
 * `<service>:logRetentionDays`). A stack deployed before services were components keeps its group, and the logs
 * in it, under its former name: a new name would replace the group. Where the profile protects against destroy
 * (prod), destroying the stack leaves the group and its logs in AWS.
 */
export function createLogGroup(
  name: string,
  config: ServiceConfig,
  opts?: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogGroup {
  const groupName = `/ecs/${config.formerName ?? name}`;
  return new aws.cloudwatch.LogGroup(
    name,
    { name: groupName, retentionInDays: config.logRetentionDays },
    { ...opts, retainOnDelete: config.retainLogs },
  );
}

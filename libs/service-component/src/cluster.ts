import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The cluster, with Container Insights for per-task CPU, memory and restart metrics. */
export function createCluster(name: string, opts?: pulumi.CustomResourceOptions): aws.ecs.Cluster {
  return new aws.ecs.Cluster(name, { settings: [{ name: "containerInsights", value: "enabled" }] }, opts);
}

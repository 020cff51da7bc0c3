import type { PolicyDocument } from "./policy-document";

export function executionRoleTrustPolicy(args: { accountId: string; partition?: string; region?: string }): PolicyDocument {
  void args;
  return { Version: "2012-10-17", Statement: [] };
}

export function ecsTaskExecutionManagedPolicyArn(partition = "aws"): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`;
}

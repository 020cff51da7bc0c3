import { isAwsRegion, partitionForRegion } from "./arn";
import type { PolicyDocument } from "./policy-document";

/** The service principal that ECS tasks' execution and task roles trust. */
export const ecsTasksServicePrincipal = "ecs-tasks.amazonaws.com";

/**
 * Trust policy for a task execution role: only ecs-tasks.amazonaws.com may sts:AssumeRole, and
 * only on behalf of this account's ECS resources, which closes the cross-service confused
 * deputy (aws:SourceAccount plus aws:SourceArn = arn:<partition>:ecs:<region>:<account>:*).
 * Follows the trust relationship shown in the AWS docs "Amazon ECS task execution IAM role"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html) and
 * "Amazon ECS task IAM role" (.../task-iam-roles.html), and the IAM guide's "The confused deputy
 * problem" (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
 * @param args.region @default - any region: the SourceArn pattern uses "*" for the region
 * @param args.partition @default - the region's partition, or "aws" without a region
 */
export function executionRoleTrustPolicy(args: { accountId: string; partition?: string; region?: string }): PolicyDocument {
  const { accountId, region } = args;
  const where = "executionRoleTrustPolicy";
  if (!/^\d{12}$/.test(accountId)) throw new Error(`${where}: \`accountId\` must be 12 digits, got ${JSON.stringify(accountId)}`);
  if (region !== undefined && !isAwsRegion(region)) {
    throw new Error(`${where}: \`region\` must be a region code such as "eu-central-1", got ${JSON.stringify(region)}`);
  }
  const partition = args.partition ?? (region === undefined ? "aws" : partitionForRegion(region)) ?? "aws";
  if (region !== undefined && partitionForRegion(region) !== partition) {
    throw new Error(`${where}: region ${region} is in partition ${partitionForRegion(region)}, not ${JSON.stringify(partition)}`);
  }
  if (!/^aws(?:-[a-z]+)*$/.test(partition)) {
    throw new Error(`${where}: \`partition\` must look like "aws", "aws-cn" or "aws-us-gov", got ${JSON.stringify(partition)}`);
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcsTasksAssumeRoleForThisAccountOnly",
        Effect: "Allow",
        Principal: { Service: ecsTasksServicePrincipal },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region ?? "*"}:${accountId}:*` },
        },
      },
    ],
  };
}

/** arn:<p>:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy, the one managed policy an execution role needs. */
export function ecsTaskExecutionManagedPolicyArn(partition = "aws"): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`;
}

/**
 * AmazonECSTaskExecutionRolePolicy as AWS publishes it (AWS managed policy reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html).
 * Simulations include it so a proof covers everything an execution role holds; it grants no secret.
 */
export const amazonEcsTaskExecutionRolePolicy: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: [
        "ecr:GetAuthorizationToken",
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
      ],
      Resource: "*",
    },
  ],
};

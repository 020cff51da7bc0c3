import { isAwsRegion, partitionForRegion } from "./arn";
import type { PolicyCondition, PolicyDocument } from "./policy-document";

/** The service principal that ECS tasks' execution and task roles trust. */
export const ecsTasksServicePrincipal = "ecs-tasks.amazonaws.com";

type TrustArgs = { accountId: string; partition?: string; region?: string };

/**
 * Trust policy for a task **execution** role: ecs-tasks.amazonaws.com may sts:AssumeRole, with no
 * confused-deputy condition keys. AWS documents the execution role's trust relationship without any
 * condition ("Amazon ECS task execution IAM role",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html, "Creating the
 * task execution IAM role"), and documents `aws:SourceAccount`/`aws:SourceArn` only for the task role
 * ("Amazon ECS task IAM role", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html).
 * A condition on a key the caller does not supply denies (IAM evaluates StringEquals/ArnLike on a missing key
 * as false), so a key ECS is not documented to send when it assumes the execution role could stop every
 * task from starting. What keeps another account from using this role is iam:PassRole: a role is passed to
 * ECS only by principals of its own account that may pass it.
 * @param args.region @default - any region; checked for a valid code and partition when given
 * @param args.partition @default - the region's partition, or "aws" without a region
 */
export function executionRoleTrustPolicy(args: TrustArgs): PolicyDocument {
  checkTrustArgs("executionRoleTrustPolicy", args);
  return ecsTasksTrustPolicy("EcsTasksAssumeExecutionRole");
}

/**
 * Trust policy for a task role (the application's role): only ecs-tasks.amazonaws.com may sts:AssumeRole, and
 * only on behalf of this account's ECS resources, which closes the cross-service confused deputy
 * (aws:SourceAccount plus aws:SourceArn = arn:<partition>:ecs:<region>:<account>:*), as the "Amazon ECS task
 * IAM role" page recommends (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
 * and the IAM guide's "The confused deputy problem" (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
 * @param args.region @default - any region: the SourceArn pattern uses "*" for the region
 * @param args.partition @default - the region's partition, or "aws" without a region
 */
export function taskRoleTrustPolicy(args: TrustArgs): PolicyDocument {
  const partition = checkTrustArgs("taskRoleTrustPolicy", args);
  const { accountId, region } = args;
  return ecsTasksTrustPolicy("EcsTasksAssumeRoleForThisAccountOnly", {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region ?? "*"}:${accountId}:*` },
  });
}

/** The one statement both ECS task roles' trust policies hold: ecs-tasks.amazonaws.com may sts:AssumeRole. */
function ecsTasksTrustPolicy(sid: string, condition?: PolicyCondition): PolicyDocument {
  return serviceTrustPolicy(ecsTasksServicePrincipal, sid, condition);
}

/**
 * Trust policy for the infrastructure role ECS uses to shift a blue/green deployment's traffic: ecs.amazonaws.com may
 * sts:AssumeRole, only for this account's ECS resources (the confused-deputy keys, as for the task role). AWS's page
 * ("Amazon ECS infrastructure IAM role for load balancers",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html)
 * trusts the service principal; the keys narrow it as the IAM guide's "The confused deputy problem" recommends.
 */
export function ecsInfrastructureRoleTrustPolicy(args: TrustArgs): PolicyDocument {
  const partition = checkTrustArgs("ecsInfrastructureRoleTrustPolicy", args);
  const { accountId, region } = args;
  return serviceTrustPolicy("ecs.amazonaws.com", "EcsShiftsTrafficForThisAccountOnly", {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${region ?? "*"}:${accountId}:*` },
  });
}

function serviceTrustPolicy(service: string, sid: string, condition?: PolicyCondition): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/** Validates the arguments of a trust policy builder and returns the partition. */
function checkTrustArgs(where: string, args: TrustArgs): string {
  const { accountId, region } = args;
  if (!/^\d{12}$/.test(accountId))
    throw new Error(`${where}: \`accountId\` must be 12 digits, got ${JSON.stringify(accountId)}`);
  if (region !== undefined && !isAwsRegion(region)) {
    throw new Error(`${where}: \`region\` must be a region code such as "eu-central-1", got ${JSON.stringify(region)}`);
  }
  const partition = args.partition ?? (region === undefined ? "aws" : partitionForRegion(region)) ?? "aws";
  if (region !== undefined && partitionForRegion(region) !== partition) {
    throw new Error(
      `${where}: region ${region} is in partition ${partitionForRegion(region)}, not ${JSON.stringify(partition)}`,
    );
  }
  if (!/^aws(?:-[a-z]+)*$/.test(partition)) {
    throw new Error(
      `${where}: \`partition\` must look like "aws", "aws-cn" or "aws-us-gov", got ${JSON.stringify(partition)}`,
    );
  }
  return partition;
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

import type { PolicyDocument } from "@platform/iam";

/**
 * AmazonECSTaskExecutionRolePolicy as AWS publishes it (AWS managed policy reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html).
 * Included in the simulation so the proofs cover everything the execution role holds.
 */
export const amazonEcsTaskExecutionRolePolicy: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: "*",
    },
  ],
};

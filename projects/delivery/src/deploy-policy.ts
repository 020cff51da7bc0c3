// What `pulumi up` of one environment's stacks may write in its account, beside the read-only managed policy that
// lets it read (preview, refresh). Each statement names the resources the programs declare, by the names they give
// them: `app-<env>…` (networking, registry-access), `<service>-<env>…` (every service), `/ecs/…` log groups,
// `registry/<env>/…` secrets. EC2, the load balancer's listener rules, ECS task definitions and KMS key creation
// cannot be narrowed by name (their IDs are made by AWS), so they are held to the account and region instead.
import type { PolicyDocument, PolicyStatement } from "@platform/iam";

/** The IAM path of the roles this project creates. */
export const DELIVERY_ROLE_PATH = "/delivery/";

export interface DeployScope {
  readonly env: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The grants of the deploy role of one environment: what networking, registry-access and the services create. */
export function deployPolicy({ env, accountId, region, partition }: DeployScope): PolicyDocument {
  const arn = (service: string, resource: string, global = false) =>
    `arn:${partition}:${service}:${global ? "" : region}:${accountId}:${resource}`;
  const inRegion = { StringEquals: { "aws:RequestedRegion": region } };
  const statements: PolicyStatement[] = [
    {
      Sid: "Networking",
      Effect: "Allow",
      Action: [
        "ec2:CreateVpc",
        "ec2:DeleteVpc",
        "ec2:ModifyVpcAttribute",
        "ec2:CreateSubnet",
        "ec2:DeleteSubnet",
        "ec2:ModifySubnetAttribute",
        "ec2:CreateInternetGateway",
        "ec2:DeleteInternetGateway",
        "ec2:AttachInternetGateway",
        "ec2:DetachInternetGateway",
        "ec2:AllocateAddress",
        "ec2:ReleaseAddress",
        "ec2:CreateNatGateway",
        "ec2:DeleteNatGateway",
        "ec2:CreateRouteTable",
        "ec2:DeleteRouteTable",
        "ec2:CreateRoute",
        "ec2:DeleteRoute",
        "ec2:AssociateRouteTable",
        "ec2:DisassociateRouteTable",
        "ec2:CreateSecurityGroup",
        "ec2:DeleteSecurityGroup",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:CreateTags",
        "ec2:DeleteTags",
      ],
      Resource: arn("ec2", "*"),
      Condition: inRegion,
    },
    {
      Sid: "LoadBalancing",
      Effect: "Allow",
      Action: [
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:RemoveTags",
      ],
      Resource: [
        arn("elasticloadbalancing", `loadbalancer/app/*`),
        arn("elasticloadbalancing", `listener/app/*`),
        arn("elasticloadbalancing", `listener-rule/app/*`),
        arn("elasticloadbalancing", `targetgroup/*`),
      ],
    },
    {
      Sid: "Services",
      Effect: "Allow",
      Action: [
        "ecs:CreateCluster",
        "ecs:DeleteCluster",
        "ecs:UpdateCluster",
        "ecs:PutClusterCapacityProviders",
        "ecs:CreateService",
        "ecs:UpdateService",
        "ecs:DeleteService",
        "ecs:TagResource",
        "ecs:UntagResource",
      ],
      Resource: [arn("ecs", `cluster/*-${env}*`), arn("ecs", `service/*-${env}*/*`)],
    },
    {
      // RegisterTaskDefinition takes no resource ARN (Service Authorization Reference, Amazon ECS).
      Sid: "TaskDefinitions",
      Effect: "Allow",
      Action: ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:TagResource"],
      Resource: "*",
      Condition: inRegion,
    },
    {
      Sid: "Roles",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:UpdateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
      ],
      Resource: arn("iam", `role/*-${env}-*`, true),
    },
    {
      Sid: "PassRolesToTasks",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: arn("iam", `role/*-${env}-*`, true),
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: arn("iam", "role/aws-service-role/*", true),
      Condition: {
        StringEquals: {
          "iam:AWSServiceName": [
            "ecs.amazonaws.com",
            "elasticloadbalancing.amazonaws.com",
            "ecs.application-autoscaling.amazonaws.com",
          ],
        },
      },
    },
    {
      Sid: "Logs",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:TagResource",
        "logs:UntagResource",
      ],
      Resource: arn("logs", "log-group:/ecs/*"),
    },
    {
      Sid: "RegistrySecrets",
      Effect: "Allow",
      Action: [
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:UpdateSecret",
        "secretsmanager:PutSecretValue",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
      ],
      Resource: [
        arn("secretsmanager", `secret:registry/${env}/*`),
        arn("secretsmanager", "secret:ecr-pullthroughcache/*"),
      ],
    },
    {
      Sid: "PullThroughCache",
      Effect: "Allow",
      Action: [
        "ecr:CreatePullThroughCacheRule",
        "ecr:DeletePullThroughCacheRule",
        "ecr:UpdatePullThroughCacheRule",
        "ecr:CreateRepositoryCreationTemplate",
        "ecr:DeleteRepositoryCreationTemplate",
        "ecr:UpdateRepositoryCreationTemplate",
      ],
      Resource: arn("ecr", "*"),
    },
    {
      // CreateKey names no key yet; the key's own actions are held to this account's keys in the region.
      Sid: "RegistryKey",
      Effect: "Allow",
      Action: ["kms:CreateKey", "kms:TagResource"],
      Resource: "*",
      Condition: inRegion,
    },
    {
      Sid: "RegistryKeyLifecycle",
      Effect: "Allow",
      Action: [
        "kms:EnableKeyRotation",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:UpdateKeyDescription",
        "kms:CreateAlias",
        "kms:DeleteAlias",
      ],
      Resource: [arn("kms", "key/*"), arn("kms", "alias/*")],
    },
    {
      Sid: "ScalingAndAlarms",
      Effect: "Allow",
      Action: [
        "application-autoscaling:RegisterScalableTarget",
        "application-autoscaling:DeregisterScalableTarget",
        "application-autoscaling:PutScalingPolicy",
        "application-autoscaling:DeleteScalingPolicy",
        "application-autoscaling:TagResource",
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:DeleteAlarms",
        "cloudwatch:TagResource",
      ],
      Resource: [arn("application-autoscaling", "scalable-target/*"), arn("cloudwatch", `alarm:*-${env}-*`)],
    },
    {
      // The delivery roles live under this path in every account: no deploy may widen its own grants.
      Sid: "NotTheDeliveryRoles",
      Effect: "Deny",
      Action: "iam:*",
      Resource: arn("iam", `role${DELIVERY_ROLE_PATH}*`, true),
    },
  ];
  return { Version: "2012-10-17", Statement: statements };
}

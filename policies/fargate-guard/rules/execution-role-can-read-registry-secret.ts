import { AccessEvaluationError, evaluateAccess, isSecretsManagerSecretArn, parseArn, type PolicyDocument } from "@platform/iam";
import { hasContainers, readTaskDefinition } from "../lib/containers";
import { executionRoleOf } from "../lib/execution-role-of";
import { readDocument } from "../lib/iam-documents";
import { code } from "../lib/messages";
import { AWSX_SERVICES, AWSX_TASK_DEFINITIONS, IAM_ROLE, TASK_DEFINITION } from "../lib/resource-types";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { customerKeyOfSecret } from "../lib/secret-key";
import { UnknownDeferral } from "../lib/unknowns";

export const executionRoleCanReadRegistrySecret = defineStackRule({
  name: "execution-role-can-read-registry-secret",
  description: "Checks that a task's execution role can read the registry credentials secret its containers name.",
  cause:
    "A task definition names a secret in `repositoryCredentials.credentialsParameter`, its execution role is in the " +
    "same stack (or is the role awsx creates), and IAM evaluation of that role's policies denies " +
    "`secretsmanager:GetSecretValue` on the secret, or `kms:Decrypt` through Secrets Manager on the secret's customer-managed key.",
  rationale:
    "This is the failure the credentials exist to prevent: ECS cannot read the secret, the pull is anonymous, " +
    "and every task stops with CannotPullContainerError. awsx's default execution role has only " +
    "AmazonECSTaskExecutionRolePolicy, which grants no secret. Evaluated with @cloud-copilot/iam-simulate through @platform/iam.",
  fix:
    "Attach to the execution role an inline policy granting `secretsmanager:GetSecretValue` on exactly the secret " +
    "ARN, plus `kms:Decrypt` on the key with `kms:ViaService` when a customer-managed key encrypts it " +
    "(@platform/iam `secretReadPolicy`); with awsx, pass that role as `executionRole.roleArn`.",
  enforcementLevel: "mandatory",
  resourceTypes: [TASK_DEFINITION, ...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS, IAM_ROLE],
  references: ["Amazon ECS: Private registry authentication for tasks (required IAM permissions)"],
  async check({ resources, report }) {
    const graph = new RoleGraph(resources);
    const unknowns = new UnknownDeferral();
    for (const host of resources.filter((resource) => hasContainers(resource.type))) {
      const task = readTaskDefinition(host.type, host.props);
      if (task === undefined) continue;
      for (const container of task.containers) {
        await unknowns.attemptAsync(async () => {
          const secretArn: unknown = container.definition.repositoryCredentials?.credentialsParameter;
          // Malformed parameters are registry-credentials-secret-arn's finding.
          if (typeof secretArn !== "string" || !isSecretsManagerSecretArn(secretArn)) return;
          const role = executionRoleOf(host, task, graph);
          const subject = `Container ${code(container.name)} of ${code(host.name)} reads registry credentials from ${code(secretArn)}`;
          if (role.kind === "elsewhere") return;
          if (role.kind === "none") {
            report(`${subject}, but the task has no execution role (\`${role.key}\`): give it one that may read the secret.`, host.urn);
            return;
          }
          const identityPolicies = role.documents.map(readDocument).filter((d): d is PolicyDocument => d !== undefined);
          const principal = role.arn === undefined ? {} : { principalArn: role.arn };
          const read = await decide(() => evaluateAccess({ identityPolicies, action: "secretsmanager:GetSecretValue", resource: secretArn, ...principal }));
          if (!read.allowed) {
            report(
              `${subject}, but ${role.label} cannot: secretsmanager:GetSecretValue is ${read.result} (${read.why}). ` +
                `Grant it on exactly this ARN${takeControl(role.awsxDefaultKey)}.`,
              host.urn,
            );
            return;
          }
          const key = customerKeyOfSecret(secretArn, host, graph);
          if (key === undefined) return;
          const viaService = `secretsmanager.${parseArn(secretArn)!.region}.amazonaws.com`;
          const decrypt = await decide(() =>
            evaluateAccess({
              identityPolicies,
              action: "kms:Decrypt",
              resource: key.keyArn,
              context: { "kms:ViaService": viaService },
              resourcePolicy: key.keyPolicy,
              ...principal,
            }),
          );
          if (!decrypt.allowed) {
            report(
              `${subject}, encrypted with ${code(key.keyArn)}, but ${role.label} cannot decrypt it: kms:Decrypt via ${viaService} ` +
                `is ${decrypt.result} (${decrypt.why}). Grant kms:Decrypt on exactly this key, conditioned on ` +
                `kms:ViaService${takeControl(role.awsxDefaultKey)}.`,
              host.urn,
            );
          }
        });
      }
    }
    unknowns.finish();
  },
});

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
    return { allowed: decision.allowed, result: decision.result, why: decision.explanation.join("; ") || "no statement allows it" };
  } catch (error) {
    if (!(error instanceof AccessEvaluationError)) throw error;
    return { allowed: false, result: "not evaluable", why: error.message };
  }
}

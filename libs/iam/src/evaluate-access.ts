import type { PolicyDocument } from "./policy-document";

export interface EvaluateAccessArgs {
  readonly identityPolicies: readonly PolicyDocument[];
  readonly action: string;
  readonly resource: string;
  readonly principalArn?: string;
  readonly context?: Record<string, string | string[]>;
}

export interface AccessDecision {
  readonly allowed: boolean;
  readonly result: string;
}

/** Async: @cloud-copilot/iam-simulate's runSimulation returns a Promise. Works offline. */
export async function evaluateAccess(args: EvaluateAccessArgs): Promise<AccessDecision> {
  void args;
  return { allowed: false, result: "not implemented yet" };
}

import { evaluateAccess, type AccessDecision, type EvaluateAccessArgs } from "@platform/iam";

/**
 * @platform/iam's `evaluateAccess` (iam-simulate), remembered for the life of the returned function:
 * create one per analyzeStack request. In a stack, many tasks ask the same question (the same documents,
 * action, secret, key and principal: every service whose role awsx creates, every task of one role), and
 * iam-simulate matches the resource against the action's resource types anew on every call, the largest
 * share of the cross-stack rule's time (bench/). The answer depends on the arguments only, so the same
 * arguments, compared by their JSON, share one evaluation. Not kept across requests: the stack changes.
 */
export function evaluationsOfOneRequest(): (args: EvaluateAccessArgs) => Promise<AccessDecision> {
  const decisions = new Map<string, Promise<AccessDecision>>();
  return (args) => {
    const key = JSON.stringify([
      args.identityPolicies,
      args.action,
      args.resource,
      args.principalArn ?? null,
      args.context ?? null,
      args.resourcePolicy ?? null,
    ]);
    let decision = decisions.get(key);
    if (decision === undefined) {
      decision = evaluateAccess(args);
      decisions.set(key, decision);
    }
    return decision;
  };
}

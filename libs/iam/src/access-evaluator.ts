import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { validateIdentityPolicy } from "@cloud-copilot/iam-policy";
import { parseArn } from "./arn";
import { evaluateAccess, simulationOf, type AccessDecision, type EvaluateAccessArgs } from "./evaluate-access";

export type EvaluateAccess = (args: EvaluateAccessArgs) => Promise<AccessDecision>;

/**
 * `evaluateAccess` for many questions in a row (one analyzeStack request): the same answers, at a
 * fraction of the simulator's cost.
 *
 * - The same arguments (compared by their JSON) share one evaluation.
 * - iam-simulate's `runSimulation` spends most of each call on the request, not the policies: it
 *   matches the resource against the action's resource types (an automaton with a locale-aware
 *   compare per character) and checks the context keys, twice, on every call. In a stack, every
 *   service's role asks the same question (GetSecretValue on the registry secret) with its own
 *   documents. Once `runSimulation` has accepted an action on a resource, other documents asking
 *   the same are judged with iam-simulate's own engine through `runUnsafeSimulation`, which skips
 *   exactly those request checks; the documents are validated first, as `runSimulation` does.
 *   Only a plain request takes this path (no context, no resource policy, a resource without
 *   wildcards), where the two entry points evaluate the same input; a test holds them to the same
 *   answers.
 * - An answer that is not Allowed is always `runSimulation`'s, with its explanation. An Allowed answer
 *   from the shortcut has an empty explanation: callers quote the explanation of a refusal.
 */
export function accessEvaluator(): EvaluateAccess {
  const decisions = new Map<string, Promise<AccessDecision>>();
  const acceptedRequests = new Set<string>();
  const decide = async (args: EvaluateAccessArgs): Promise<AccessDecision> => {
    const request = `${args.action} ${args.resource}`;
    if (acceptedRequests.has(request) && isPlain(args) && allowedByEngine(args)) return allowedWithoutExplanation;
    const decision = await evaluateAccess(args);
    acceptedRequests.add(request);
    return decision;
  };
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
      decision = decide(args);
      decisions.set(key, decision);
    }
    return decision;
  };
}

const allowedWithoutExplanation: AccessDecision = {
  allowed: true,
  result: "Allowed",
  explanation: [],
  ignoredContextKeys: [],
};

function isPlain(args: EvaluateAccessArgs): boolean {
  return (
    args.resourcePolicy === undefined &&
    Object.keys(args.context ?? {}).length === 0 &&
    // A full ARN: runSimulation expands short ones, and runs one simulation per match for a wildcard.
    parseArn(args.resource) !== undefined &&
    !args.resource.includes("*") &&
    args.identityPolicies.every((document) => validateIdentityPolicy(document).length === 0)
  );
}

function allowedByEngine(args: EvaluateAccessArgs): boolean {
  try {
    return runUnsafeSimulation(simulationOf(args), { simulationMode: "Strict" }) === "Allowed";
  } catch {
    return false; // runSimulation then answers, or names what it rejects
  }
}

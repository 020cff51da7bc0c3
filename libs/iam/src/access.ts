// Access judged with AWS's IAM data: the policy simulator, wildcard expansion of actions, resource ARN formats.
// The policy pack's and the tests' entry point; programs use `@platform/iam`, which does not load that data.
export { AccessEvaluationError, evaluateAccess } from "./evaluate-access";
export { accessEvaluator } from "./access-evaluator";
export type { EvaluateAccess } from "./access-evaluator";
export type { AccessDecision, EvaluateAccessArgs } from "./evaluate-access";
export { expandActions } from "./expand-actions";
export { ARN_VARIABLE, resourceArnFormats } from "./resource-formats";

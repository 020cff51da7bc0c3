export { normalizePolicyDocument, policyValidationErrors } from "./policy-document";
export type { PolicyCondition, PolicyDocument, PolicyKind, PolicyStatement } from "./policy-document";
export {
  isAwsRegion,
  isIamRoleArn,
  isKmsKeyArn,
  isSecretArnOrSuffixWildcard,
  isSecretsManagerSecretArn,
  parseArn,
  partitionForRegion,
} from "./arn";
export type { Arn } from "./arn";
export {
  amazonEcsTaskExecutionRolePolicy,
  ecsTaskExecutionManagedPolicyArn,
  ecsInfrastructureRoleTrustPolicy,
  ecsTasksServicePrincipal,
  executionRoleTrustPolicy,
  taskRoleTrustPolicy,
} from "./execution-role";
export { secretReadPolicy } from "./secret-read-policy";
export { kmsKeyPolicyDelegatingToIam } from "./kms-key-policy";
export { AccessEvaluationError, evaluateAccess } from "./evaluate-access";
export { accessEvaluator } from "./access-evaluator";
export type { EvaluateAccess } from "./access-evaluator";
export type { AccessDecision, EvaluateAccessArgs } from "./evaluate-access";
export { expandActions } from "./expand-actions";
export { ARN_VARIABLE, resourceArnFormats } from "./resource-formats";
export {
  PULL_THROUGH_IMPORT_ACTIONS,
  pullThroughCachePolicy,
  pullThroughPrefixOf,
  pullThroughRepositoriesArn,
} from "./pull-through-policy";
export { blueGreenTrafficPolicy } from "./blue-green-traffic-policy";

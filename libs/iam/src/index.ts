export { normalizePolicyDocument } from "./policy-document";
export type { PolicyCondition, PolicyDocument, PolicyStatement } from "./policy-document";
export { isIamRoleArn, isKmsKeyArn, isSecretsManagerSecretArn, parseArn } from "./arn";
export type { Arn } from "./arn";
export { ecsTaskExecutionManagedPolicyArn, executionRoleTrustPolicy } from "./execution-role";
export { secretReadPolicy } from "./secret-read-policy";
export { evaluateAccess } from "./evaluate-access";
export type { AccessDecision, EvaluateAccessArgs } from "./evaluate-access";
export { expandActions } from "./expand-actions";

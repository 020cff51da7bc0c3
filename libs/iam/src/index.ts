// What programs build (policy documents, ARNs, trust policies): light to load. What judges access with AWS's IAM
// data (the simulator, action expansion, resource formats) is `@platform/iam/access`, which only the pack and tests
// load: importing it here cost every program process about 0.2 CPU-s.
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
export {
  PULL_THROUGH_IMPORT_ACTIONS,
  pullThroughCachePolicy,
  pullThroughPrefixOf,
  pullThroughRepositoriesArn,
} from "./pull-through-policy";
export { blueGreenTrafficPolicy } from "./blue-green-traffic-policy";

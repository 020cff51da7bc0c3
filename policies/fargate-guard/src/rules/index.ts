import { containerNonRootUser } from "./container-non-root-user";
import { containerNotPrivileged } from "./container-not-privileged";
import { containerReadOnlyRootFilesystem } from "./container-read-only-root-filesystem";
import { deploymentAlarmRollback } from "./deployment-alarm-rollback";
import { fargatePlatformVersion } from "./fargate-platform-version";
import { noAddedCapabilities } from "./no-added-capabilities";
import { noHostNamespaces } from "./no-host-namespaces";
import type { Rule } from "../lib/rule";
import { albHttpsRedirect } from "./alb-https-redirect";
import { containerLogging } from "./container-logging";
import { deploymentCircuitBreaker } from "./deployment-circuit-breaker";
import { deploymentTrafficShift } from "./deployment-traffic-shift";
import { ecsTrustConfusedDeputy } from "./ecs-trust-confused-deputy";
import { executionRoleCanReadRegistrySecret } from "./execution-role-can-read-registry-secret";
import { executionRoleLeastPrivilege } from "./execution-role-least-privilege";
import { executionRoleManagedPolicies } from "./execution-role-managed-policies";
import { executionRoleNoPrivilegeEscalation } from "./execution-role-no-privilege-escalation";
import { fargateTaskSize } from "./fargate-task-size";
import { imageDigestPinned } from "./image-digest-pinned";
import { kmsKeyRotation } from "./kms-key-rotation";
import { listenerRulesDistinct } from "./listener-rules-distinct";
import { noPublicIp } from "./no-public-ip";
import { oidcTrustPinned } from "./oidc-trust-pinned";
import { noSecretsInEnvironment } from "./no-secrets-in-environment";
import { privateImageCredentials } from "./private-image-credentials";
import { pullThroughCacheImport } from "./pull-through-cache-import";
import { pullThroughCacheSecret } from "./pull-through-cache-secret";
import { registryCredentialsSecretArn } from "./registry-credentials-secret-arn";
import { secretAccessLeastPrivilege } from "./secret-access-least-privilege";
import { separateTaskAndExecutionRoles } from "./separate-task-and-execution-roles";
import { targetGroupHealthCheck } from "./target-group-health-check";

/** Every rule of the pack, in the order RULES.md lists them: the core rules, the stack policy, then the baseline. */
export const allRules: readonly Rule[] = [
  privateImageCredentials,
  registryCredentialsSecretArn,
  secretAccessLeastPrivilege,
  executionRoleManagedPolicies,
  executionRoleCanReadRegistrySecret,
  pullThroughCacheImport,
  pullThroughCacheSecret,
  executionRoleNoPrivilegeEscalation,
  executionRoleLeastPrivilege,
  listenerRulesDistinct,
  fargateTaskSize,
  containerLogging,
  noSecretsInEnvironment,
  separateTaskAndExecutionRoles,
  deploymentCircuitBreaker,
  noPublicIp,
  albHttpsRedirect,
  targetGroupHealthCheck,
  kmsKeyRotation,
  ecsTrustConfusedDeputy,
  imageDigestPinned,
  containerNotPrivileged,
  noHostNamespaces,
  noAddedCapabilities,
  containerReadOnlyRootFilesystem,
  containerNonRootUser,
  fargatePlatformVersion,
  deploymentAlarmRollback,
  oidcTrustPinned,
  deploymentTrafficShift,
];

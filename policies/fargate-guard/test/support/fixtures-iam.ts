import {
  ecsTaskExecutionManagedPolicyArn,
  executionRoleTrustPolicy,
  secretReadPolicy,
  taskRoleTrustPolicy,
} from "@platform/iam";
import { ACCOUNT, EXECUTION_ROLE_ARN, KMS_KEY_ARN, REGION, SECRET_ARN } from "./fixtures";
import { urnOf, type FixtureResource } from "./requests";

type Props = Record<string, unknown>;

/**
 * A trust policy for ecs-tasks.amazonaws.com with the confused-deputy condition (@platform/iam taskRoleTrustPolicy),
 * which every rule accepts on any role. The rules about other things use it, so a lone role fixture is not taken
 * for a task role without the condition.
 */
export const ecsTasksTrust = () => taskRoleTrustPolicy({ accountId: ACCOUNT, region: REGION });
/** The execution role's trust policy as AWS documents it and @platform/iam builds it: no condition key. */
export const executionRoleTrust = () => executionRoleTrustPolicy({ accountId: ACCOUNT, region: REGION });

/** A read policy on exactly the registry secret (and the key, when given), as @platform/iam builds it. */
export const secretRead = (kmsKeyArn?: string) =>
  secretReadPolicy({ secretArns: [SECRET_ARN], region: REGION, ...(kmsKeyArn ? { kmsKeyArn } : {}) });

/** An identity policy with one Allow statement. */
export const allow = (action: string | string[], resource: string | string[], extra: Props = {}) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Grant", Effect: "Allow", Action: action, Resource: resource, ...extra }],
});

/** The task execution role: trusted by ecs-tasks with the condition, reading exactly the secret. */
export function executionRole(overrides: Props = {}, name = "api-execution"): FixtureResource {
  return {
    type: "aws:iam/role:Role",
    name,
    props: {
      name,
      arn: name === "api-execution" ? EXECUTION_ROLE_ARN : `arn:aws:iam::${ACCOUNT}:role/${name}`,
      assumeRolePolicy: JSON.stringify(ecsTasksTrust()),
      inlinePolicies: [{ name: "read-registry-credentials", policy: JSON.stringify(secretRead()) }],
      ...overrides,
    },
  };
}

/** Attaches AmazonECSTaskExecutionRolePolicy to `role`, referring to it as the engine records it. */
export function managedAttachment(
  role: FixtureResource,
  policyArn = ecsTaskExecutionManagedPolicyArn(),
  name = "api-execution-policy",
): FixtureResource {
  return {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    name,
    props: { role: role.props.name, policyArn },
    dependencies: [urnOf(role)],
    propertyDependencies: { role: [urnOf(role)] },
  };
}

export function kmsKey(overrides: Props = {}): FixtureResource {
  return {
    type: "aws:kms/key:Key",
    name: "registry-credentials",
    props: { arn: KMS_KEY_ARN, description: "registry credentials", enableKeyRotation: true, ...overrides },
  };
}

export function registrySecret(overrides: Props = {}): FixtureResource {
  return {
    type: "aws:secretsmanager/secret:Secret",
    name: "ghcr-io",
    props: { arn: SECRET_ARN, name: "registry/ghcr.io", ...overrides },
  };
}

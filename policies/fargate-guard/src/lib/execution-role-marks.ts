import type { PolicyResource } from "@pulumi/policy";
import {
  amazonEcsTaskExecutionRolePolicy,
  ecsTaskExecutionManagedPolicyArn,
  parseArn,
  type PolicyDocument,
} from "@platform/iam";
import { AccessEvaluationError, type EvaluateAccess } from "@platform/iam/access";
import { readTaskDefinition, type TaskDefinitionView } from "./containers";
import { executionRoleOf } from "./execution-role-of";
import { asList, ecsTasksTrustStatements, readDocument } from "./iam-documents";
import { field } from "./props";
import type { RoleGraph } from "./role-graph";
import { knownOr } from "./unknowns";

// What makes a role an execution role, and what ECS reads with it for its tasks.

const known = (read: () => unknown): unknown => knownOr(read, undefined);
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");

/** AmazonECSTaskExecutionRolePolicy in any partition. */
export const isTaskExecutionPolicy = (policyArn: string): boolean =>
  policyArn === ecsTaskExecutionManagedPolicyArn(parseArn(policyArn)?.partition ?? "aws");

/** `arn:<partition>:iam::aws:policy/…`: a policy AWS writes, whose document is not in the plan. */
export function isAwsManaged(policyArn: string): boolean {
  const arn = parseArn(policyArn);
  return arn?.service === "iam" && arn.accountId === "aws" && arn.resource.startsWith("policy/");
}

/**
 * The @pulumi/aws roles of this stack that a task definition names as its execution role, or that attach
 * AmazonECSTaskExecutionRolePolicy: without IAM evaluation, for a rule that only needs to know which roles
 * execution-role-least-privilege judges.
 */
export function declaredExecutionRoles(resources: readonly PolicyResource[], graph: RoleGraph): Set<PolicyResource> {
  const roles = new Set(
    graph.roles().filter((role) => graph.managedPolicies(role).some((a) => isTaskExecutionPolicy(a.policyArn))),
  );
  for (const host of resources) {
    const role = knownOr(() => {
      const task = readTaskDefinition(host.type, host.props);
      return task === undefined ? undefined : executionRoleOf(host, task, graph);
    }, undefined);
    if (role?.kind === "role" && role.resource !== undefined) roles.add(role.resource);
  }
  return roles;
}

/**
 * true for a role trusted by ecs-tasks.amazonaws.com that attaches AmazonECSTaskExecutionRolePolicy, or whose own
 * documents allow every action it grants (the ECS policy copied inline).
 */
export async function marksExecutionRole(
  trustPolicy: unknown,
  attached: readonly string[],
  documents: readonly (PolicyDocument | undefined)[],
  evaluate: EvaluateAccess,
): Promise<boolean> {
  const trust = readDocument({ path: "assumeRolePolicy", raw: trustPolicy });
  if (trust === undefined || ecsTasksTrustStatements(trust).length === 0) return false;
  if (attached.some(isTaskExecutionPolicy)) return true;
  const readable = documents.filter((document) => document !== undefined);
  if (readable.length === 0) return false;
  for (const action of taskExecutionActions) {
    try {
      const decision = await evaluate({
        identityPolicies: readable,
        action,
        resource: "*",
        principalArn: "arn:aws:iam::111122223333:role/fargate-guard-probe",
      });
      if (!decision.allowed) return false;
    } catch (error) {
      if (error instanceof AccessEvaluationError) return false;
      throw error;
    }
  }
  return true;
}

const taskExecutionActions = amazonEcsTaskExecutionRolePolicy.Statement.flatMap((statement) =>
  asList(statement.Action),
);

/** The same, of an aws-native task definition, whose `containerDefinitions` is a list of objects. */
export function nativeSecretSources(host: PolicyResource): string[] {
  const containers = known(() => host.props.containerDefinitions);
  return (Array.isArray(containers) ? containers : []).flatMap((container: unknown) => {
    const secrets = known(() => field(container, "secrets"));
    return (Array.isArray(secrets) ? secrets : []).flatMap((secret: unknown) =>
      strings(known(() => field(secret, "valueFrom"))),
    );
  });
}

/** The `valueFrom` of every container's `secrets`: the parameters and secrets ECS reads with the execution role. */
export function secretSourcesOf(task: TaskDefinitionView): string[] {
  // Containers unknown during preview name no source: a read of a parameter is then judged as any other grant.
  const containers = knownOr(() => task.containers, []);
  return containers.flatMap((container) => {
    const secrets = known(() => container.definition.secrets);
    return (Array.isArray(secrets) ? secrets : []).flatMap((secret: unknown) =>
      strings(known(() => field(secret, "valueFrom"))),
    );
  });
}

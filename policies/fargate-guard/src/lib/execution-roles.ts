import type { PolicyResource } from "@pulumi/policy";
import { ecsTaskExecutionManagedPolicyArn, parseArn, type PolicyDocument } from "@platform/iam";
import { readTaskDefinition } from "./containers";
import { executionRoleOf } from "./execution-role-of";
import type { DeclaredDocument } from "./iam-documents";
import { code } from "./messages";
import { TASK_DEFINITION } from "./resource-types";
import type { RoleGraph } from "./role-graph";
import { NativeRoles } from "./native-roles";
import { knownOr } from "./unknowns";
import type { UnknownDeferral } from "./unknowns";
import { upstreamExecutionRoles, type UpstreamRole } from "./upstream-roles";

/** A policy document judged on behalf of an execution role, and the resource a finding about it names. */
export interface JudgedDocument extends DeclaredDocument {
  readonly urn: string;
}

/** A task execution role as one stack sees it: the documents this stack declares for it, and the rest. */
export interface ExecutionRoleSubject {
  /** "execution role `api-execution`", for messages. */
  readonly label: string;
  readonly principalArn?: string;
  /** The documents this stack declares that apply to the role: the ones judged here. */
  readonly documents: readonly JudgedDocument[];
  /** Documents that apply too but are judged where they are declared (another stack): they count for Deny. */
  readonly alsoApplying: readonly PolicyDocument[];
  /** Where a grant is removed, appended to "remove it" (" from `taskDefinitionArgs.executionRole.args` of `api`"). */
  readonly owner: string;
}

/** AmazonECSTaskExecutionRolePolicy in any partition. */
const isTaskExecutionPolicy = (policyArn: string): boolean =>
  policyArn === ecsTaskExecutionManagedPolicyArn(parseArn(policyArn)?.partition ?? "aws");

/**
 * Every task execution role the stack declares or aims a policy at:
 * - a role of this stack (@pulumi/aws or aws-native) that a task definition names as its execution role, or that
 *   attaches AmazonECSTaskExecutionRolePolicy (how registry-access, which declares no task, marks its role);
 * - the execution role awsx creates inside a FargateService or task definition component, from its `args`;
 * - a role another stack exports as `executionRoleArn` (read through @platform/contracts, seen through its upstream-stack component), when this stack attaches a
 *   policy to it by ARN or name: those attachments and role policies are judged as if they were in the role's
 *   own stack, with the documents that stack exports counting for Deny.
 */
export function executionRolesOf(
  resources: readonly PolicyResource[],
  graph: RoleGraph,
  unknowns: UnknownDeferral,
): ExecutionRoleSubject[] {
  const inStack = new Set(
    graph
      .roles()
      .filter(
        (role) =>
          graph.isReferredToBy(TASK_DEFINITION, "executionRoleArn", role) ||
          graph.managedPolicies(role).some((attachment) => isTaskExecutionPolicy(attachment.policyArn)),
      ),
  );
  const subjects: ExecutionRoleSubject[] = [];
  /** Execution role ARNs that are no @pulumi/aws role of this stack: an aws-native role's, or another stack's. */
  const namedElsewhere = new Set<string>();
  for (const host of resources) {
    unknowns.attempt(() => {
      const task = readTaskDefinition(host.type, host.props);
      if (task === undefined) return;
      const role = executionRoleOf(host, task, graph);
      if (role.kind === "elsewhere" && role.arn !== undefined) namedElsewhere.add(role.arn);
      if (role.kind !== "role") return;
      if (role.resource !== undefined) {
        inStack.add(role.resource);
        return;
      }
      subjects.push({
        label: role.label,
        documents: role.documents.map((document) => ({ ...document, urn: host.urn })),
        alsoApplying: [],
        owner: ` from \`${role.awsxDefaultKey}.args\` of ${code(host.name)}`,
      });
    });
  }
  // A document unknown during preview stops only its role; `unknowns` reports it as the SDK does.
  for (const role of inStack) {
    unknowns.attempt(() => {
      const arn = knownOr(() => role.props.arn as unknown, undefined);
      subjects.push({
        label: `execution role ${code(role.name)}`,
        ...(typeof arn === "string" ? { principalArn: arn } : {}),
        documents: graph.identityDocuments(role).map(({ source, ...document }) => ({ ...document, urn: source.urn })),
        alsoApplying: [],
        owner: "",
      });
    });
  }
  const native = new NativeRoles(resources);
  for (const role of native.roles) {
    unknowns.attempt(() => {
      const names = native.namesOf(role);
      const isExecutionRole =
        names.some((name) => namedElsewhere.has(name)) || native.managedPolicyArns(role).some(isTaskExecutionPolicy);
      if (!isExecutionRole) return;
      const arn = names.find((name) => name.startsWith("arn:"));
      subjects.push({
        label: `execution role ${code(role.name)}`,
        ...(arn === undefined ? {} : { principalArn: arn }),
        documents: native.documentsFor({ names, resource: role }),
        alsoApplying: [],
        owner: "",
      });
    });
  }
  for (const upstream of upstreamExecutionRoles(resources)) {
    unknowns.attempt(() => subjects.push(...upstreamSubject(upstream, graph, native)));
  }
  return subjects;
}

/** The role another stack exports, with what this stack aims at it; none when it aims nothing at it. */
function upstreamSubject(upstream: UpstreamRole, graph: RoleGraph, native: NativeRoles): ExecutionRoleSubject[] {
  const aimed = graph.aimedAt(upstream.arn);
  const documents: JudgedDocument[] = [
    ...aimed.rolePolicies.map((policy) => ({
      path: `${policy.name}.policy`,
      raw: policy.props.policy as unknown,
      urn: policy.urn,
    })),
    ...aimed.attachments.flatMap(({ policyArn, via }) =>
      graph.customerPolicyDocument(policyArn, via).map(({ path, raw }) => ({ path, raw, urn: via.urn })),
    ),
    ...native.documentsFor({ names: [upstream.arn] }),
  ];
  if (documents.length === 0) return [];
  return [
    {
      label: `execution role ${code(upstream.arn)} (exported by stack ${code(upstream.stack)})`,
      principalArn: upstream.arn,
      documents,
      alsoApplying: upstream.documents,
      owner: ` from this stack (the role belongs to stack ${code(upstream.stack)})`,
    },
  ];
}

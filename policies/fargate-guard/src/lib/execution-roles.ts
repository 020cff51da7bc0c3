import type { PolicyResource } from "@pulumi/policy";
import type { PolicyDocument } from "@platform/iam";
import type { EvaluateAccess } from "@platform/iam/access";
import { readTaskDefinition } from "./containers";
import { executionRoleOf } from "./execution-role-of";
import { marksExecutionRole, nativeSecretSources, secretSourcesOf } from "./execution-role-marks";
import { asList, readDocument, type DeclaredDocument } from "./iam-documents";
import { code } from "./messages";
import { field } from "./props";
import { NATIVE_TASK_DEFINITION } from "./resource-types";
import { resourcePolicyGrants } from "./resource-policy-grants";
import { roleNameOfArn, type RoleGraph } from "./role-graph";
import { NativeRoles } from "./native-roles";
import { knownOr } from "./unknowns";
import type { UnknownDeferral } from "./unknowns";
import { upstreamExecutionRoles } from "./upstream-roles";

/** A policy document judged on behalf of an execution role, and the resource a finding about it names. */
export interface JudgedDocument extends DeclaredDocument {
  readonly urn: string;
  /** Where a grant of this document is removed, when not where the subject's are (another stack's export). */
  readonly owner?: string;
}

/** A managed policy that applies to the role, and the resource (and input) that attaches it. */
export interface AttachedPolicy {
  readonly policyArn: string;
  readonly urn: string;
  /** "aws:iam/rolePolicyAttachment:RolePolicyAttachment `x`", "managedPolicyArns", …, for messages. */
  readonly through: string;
  /** Where it is detached, when not where the subject's policies are (another stack's export). */
  readonly owner?: string;
}

/** A task execution role as one stack sees it: the documents this stack declares for it, and the rest. */
export interface ExecutionRoleSubject {
  /** "execution role `api-execution`", for messages. */
  readonly label: string;
  readonly principalArn?: string;
  /** The documents this stack declares (or reads from another stack's exports) that apply to the role: judged here. */
  readonly documents: readonly JudgedDocument[];
  /** Documents that apply too but are not judged here (AmazonECSTaskExecutionRolePolicy): they count for Deny. */
  readonly alsoApplying: readonly PolicyDocument[];
  /** The managed policies attached to it, by whichever route. */
  readonly managedPolicies: readonly AttachedPolicy[];
  /** What the task definitions naming the role read through `secrets` (`valueFrom`): ECS reads them with it. */
  readonly secretSources: readonly string[];
  /** Where a grant is removed, appended to "remove it" (" from `taskDefinitionArgs.executionRole.args` of `api`"). */
  readonly owner: string;
}

const known = (read: () => unknown): unknown => knownOr(read, undefined);
/** IAM role names are case-insensitive: roles are compared by their lower-case name. */
const roleKey = (nameOrArn: string): string => (roleNameOfArn(nameOrArn) ?? nameOrArn).toLowerCase();
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");

/**
 * Every task execution role of the stack's view, with every document and managed policy that reaches it:
 * - every role a task definition names (`executionRoleArn`, awsx `executionRole.roleArn`), wherever it is declared:
 *   a @pulumi/aws or aws-native role of this stack, a role another stack exports (carried by its UpstreamStack component)
 *   (`executionRoleArn`, whose exported policies are judged here too), or a role declared nowhere in the plan (an
 *   ARN from config), with what this stack aims at it by name or ARN;
 * - the execution role awsx creates inside a FargateService or task definition component, from its `args`;
 * - a role of this stack trusted by ecs-tasks.amazonaws.com that attaches AmazonECSTaskExecutionRolePolicy or
 *   grants what it grants (how a stack that declares no task, such as registry-access, marks its role);
 * - a role of this stack whose trust policy lets one of those assume it, with that role's own grants;
 * and, on each, the statements of secret, key and repository policies of this stack that grant it.
 */
export async function executionRolesOf(
  resources: readonly PolicyResource[],
  graph: RoleGraph,
  unknowns: UnknownDeferral,
  evaluate: EvaluateAccess,
): Promise<ExecutionRoleSubject[]> {
  const sources = new Map<PolicyResource | string, string[]>();
  const addSources = (key: PolicyResource | string, values: readonly string[]) =>
    sources.set(key, [...(sources.get(key) ?? []), ...values]);
  const subjects: ExecutionRoleSubject[] = [];
  const inStack = new Set<PolicyResource>();
  /** Execution role ARNs that are no @pulumi/aws role of this stack, by lower-case role name. */
  const namedElsewhere = new Map<string, string>();
  for (const host of resources) {
    unknowns.attempt(() => {
      if (host.type === NATIVE_TASK_DEFINITION) {
        const arn = known(() => host.props.executionRoleArn);
        const role = typeof arn === "string" ? graph.roleNamed(arn) : undefined;
        const read = nativeSecretSources(host);
        if (role !== undefined) {
          inStack.add(role);
          addSources(role, read);
        } else if (typeof arn === "string") {
          namedElsewhere.set(roleKey(arn), arn);
          addSources(roleKey(arn), read);
        }
        return;
      }
      const task = readTaskDefinition(host.type, host.props);
      if (task === undefined) return;
      const role = executionRoleOf(host, task, graph);
      const read = secretSourcesOf(task);
      if (role.kind === "elsewhere" && role.arn !== undefined) {
        namedElsewhere.set(roleKey(role.arn), role.arn);
        addSources(roleKey(role.arn), read);
      }
      if (role.kind !== "role") return;
      if (role.resource !== undefined) {
        inStack.add(role.resource);
        addSources(role.resource, read);
        return;
      }
      const args = field(field(task.args, "executionRole"), "args");
      subjects.push({
        label: role.label,
        documents: role.documents.map((document) => ({ ...document, urn: host.urn })),
        alsoApplying: [],
        managedPolicies: ["policyArns", "managedPolicyArns"].flatMap((key) =>
          strings(field(args, key)).map((policyArn) => ({
            policyArn,
            urn: host.urn,
            through: `\`${role.awsxDefaultKey}.args.${key}\` of ${code(host.name)}`,
          })),
        ),
        secretSources: read,
        owner: ` from \`${role.awsxDefaultKey}.args\` of ${code(host.name)}`,
      });
    });
  }
  for (const role of graph.roles()) {
    if (inStack.has(role)) continue;
    await unknowns.attemptAsync(async () => {
      const documents = graph.identityDocuments(role).map((d) => readDocument(d));
      const attached = graph.managedPolicies(role).map((a) => a.policyArn);
      if (await marksExecutionRole(role.props.assumeRolePolicy, attached, documents, evaluate)) inStack.add(role);
    });
  }
  for (const role of inStack) unknowns.attempt(() => subjects.push(awsRoleSubject(role, graph, sources.get(role))));
  const native = new NativeRoles(resources);
  const claimed = new Set<string>();
  for (const role of native.roles) {
    await unknowns.attemptAsync(async () => {
      const names = native.namesOf(role);
      const documents = native.documentsFor({ names, resource: role });
      const attached = native.managedPolicyArns(role);
      const named = names.some((name) => namedElsewhere.has(roleKey(name)));
      const trust: unknown = role.props.assumeRolePolicyDocument;
      if (!named && !(await marksExecutionRole(trust, attached, documents.map(readDocument), evaluate))) return;
      names.forEach((name) => claimed.add(roleKey(name)));
      const arn = names.find((name) => name.startsWith("arn:"));
      subjects.push({
        label: `execution role ${code(role.name)}`,
        ...(arn === undefined ? {} : { principalArn: arn }),
        documents,
        alsoApplying: [],
        managedPolicies: attached.map((policyArn) => ({ policyArn, urn: role.urn, through: "`managedPolicyArns`" })),
        secretSources: names.flatMap((name) => sources.get(roleKey(name)) ?? []),
        owner: "",
      });
    });
  }
  for (const upstream of upstreamExecutionRoles(resources)) {
    unknowns.attempt(() => {
      claimed.add(roleKey(upstream.arn));
      const owner = ` from stack ${code(upstream.stack)}, which owns the role and exports it`;
      const exported = upstream.inlinePolicies.map(({ name, document }, index) => ({
        path: `executionRolePolicies.inlinePolicies[${index}] (${name}) of stack ${code(upstream.stack)}`,
        raw: document,
        urn: upstream.reference.urn,
        owner,
      }));
      const exportedManaged = upstream.managedPolicyArns.map((policyArn) => ({
        policyArn,
        urn: upstream.reference.urn,
        owner,
        through: `\`executionRolePolicies.managedPolicyArns\` of stack ${code(upstream.stack)}`,
      }));
      const aimed = aimedAt(upstream.arn, graph, native, sources);
      subjects.push({
        ...aimed,
        label: `execution role ${code(upstream.arn)} (exported by stack ${code(upstream.stack)})`,
        documents: [...exported, ...aimed.documents],
        alsoApplying: upstream.knownManagedDocuments,
        managedPolicies: [...exportedManaged, ...aimed.managedPolicies],
        owner: ` from this stack (the role belongs to stack ${code(upstream.stack)})`,
      });
    });
  }
  for (const [key, arn] of namedElsewhere) {
    if (claimed.has(key)) continue;
    subjects.push({
      ...aimedAt(arn, graph, native, sources),
      label: `execution role ${code(arn)} (declared outside this stack)`,
      owner: " from this stack",
    });
  }
  for (const subject of [...subjects]) {
    if (subject.principalArn !== undefined) subjects.push(...assumableRoles(subject, graph, native, inStack));
  }
  const grantedBy = resourcePolicyGrants(resources);
  return subjects.map((subject) => ({
    ...subject,
    documents: [...subject.documents, ...grantedBy(subject.principalArn)],
  }));
}

function awsRoleSubject(role: PolicyResource, graph: RoleGraph, read: readonly string[] = []): ExecutionRoleSubject {
  const arn = known(() => role.props.arn);
  return {
    label: `execution role ${code(role.name)}`,
    ...(typeof arn === "string" ? { principalArn: arn } : {}),
    documents: graph.identityDocuments(role).map(({ source, ...document }) => ({ ...document, urn: source.urn })),
    alsoApplying: [],
    managedPolicies: graph.managedPolicies(role).map(({ policyArn, via, through }) => ({
      policyArn,
      urn: via.urn,
      through: via === role ? "`managedPolicyArns`" : through,
    })),
    secretSources: read,
    owner: "",
  };
}

/** What this stack aims by ARN or name at a role it does not declare (its subject, less label and owner). */
function aimedAt(
  arn: string,
  graph: RoleGraph,
  native: NativeRoles,
  sources: ReadonlyMap<PolicyResource | string, string[]>,
): Omit<ExecutionRoleSubject, "label" | "owner"> {
  const aimed = graph.aimedAt(arn);
  return {
    principalArn: arn,
    documents: [
      ...aimed.rolePolicies.map((policy) => ({
        path: `${policy.name}.policy`,
        raw: policy.props.policy as unknown,
        urn: policy.urn,
      })),
      ...aimed.attachments.flatMap(({ policyArn, via }) =>
        graph.customerPolicyDocument(policyArn, via).map(({ path, raw }) => ({ path, raw, urn: via.urn })),
      ),
      ...native.documentsFor({ names: [arn] }),
    ],
    alsoApplying: [],
    managedPolicies: aimed.attachments.map(({ policyArn, via, through }) => ({ policyArn, urn: via.urn, through })),
    secretSources: sources.get(roleKey(arn)) ?? [],
  };
}

/**
 * Roles of this stack whose trust policy lets the execution role assume them (naming its ARN): within one account
 * the trust policy alone allows it, so what they may do, the execution role may do.
 */
function assumableRoles(
  subject: ExecutionRoleSubject,
  graph: RoleGraph,
  native: NativeRoles,
  executionRoles: ReadonlySet<PolicyResource>,
): ExecutionRoleSubject[] {
  const principal = subject.principalArn!.toLowerCase();
  const trusts = (raw: unknown) =>
    readDocument({ path: "trust", raw })?.Statement.some(
      (statement) =>
        statement.Effect === "Allow" &&
        asList(field(statement.Principal, "AWS") as string | string[] | undefined).some(
          (value) => typeof value === "string" && value.toLowerCase() === principal,
        ),
    ) === true;
  const via = (name: string) => `role ${code(name)} (which ${subject.label} may assume: its trust policy names it)`;
  const assumable: ExecutionRoleSubject[] = [];
  for (const role of graph.roles()) {
    if (executionRoles.has(role) || !trusts(known(() => role.props.assumeRolePolicy))) continue;
    assumable.push({ ...awsRoleSubject(role, graph), label: via(role.name) });
  }
  for (const role of native.roles) {
    if (!trusts(known(() => role.props.assumeRolePolicyDocument))) continue;
    assumable.push({
      label: via(role.name),
      documents: native.documentsFor({ names: native.namesOf(role), resource: role }),
      alsoApplying: [],
      managedPolicies: native
        .managedPolicyArns(role)
        .map((policyArn) => ({ policyArn, urn: role.urn, through: "`managedPolicyArns`" })),
      secretSources: [],
      owner: "",
    });
  }
  return assumable;
}

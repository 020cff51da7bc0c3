import type { PolicyResource } from "@pulumi/policy";
import { registryAccessContract, UPSTREAM_STACK_TYPE } from "@platform/contracts/outputs";
import {
  amazonEcsTaskExecutionRolePolicy,
  ecsTaskExecutionManagedPolicyArn,
  normalizePolicyDocument,
  parseArn,
  type PolicyDocument,
} from "@platform/iam";
import { plainJson as plain } from "./iam-documents";
import { code } from "./messages";
import { knownOr } from "./unknowns";

/**
 * Another stack's outputs, as this stack read them: the `UpstreamStack` component @platform/contracts registers
 * (`{ name, outputs }`). Not the StackReference: the engine never sends read resources to a pack.
 */
export const UPSTREAM_STACK = UPSTREAM_STACK_TYPE;

/** An execution role another stack exports, as this stack sees it through its upstream-stack component. */
export interface UpstreamRole {
  readonly arn: string;
  /** The referenced stack, `<org>/<project>/<env>`, for messages. */
  readonly stack: string;
  /** The StackReference that carries it. */
  readonly reference: PolicyResource;
  /** Its inline policies, plus the AWS managed policies whose documents the pack knows. */
  readonly documents: readonly PolicyDocument[];
  /** Its inline policies as exported (`executionRolePolicies.inlinePolicies`). */
  readonly inlinePolicies: readonly { readonly name: string; readonly document: unknown }[];
  /** Its managed policies as exported, and the documents of those the pack knows. */
  readonly managedPolicyArns: readonly string[];
  readonly knownManagedDocuments: readonly PolicyDocument[];
  /** Managed policies the pack cannot read; a proof that fails without them says so. */
  readonly unreadManagedPolicies: readonly string[];
  /** The customer-managed key that encrypts the upstream stack's registry secrets, if any. */
  readonly kmsKeyArn?: string;
  /** The secrets the upstream stack exports as registry credentials. */
  readonly registrySecretArns: readonly string[];
}

/** The managed policies whose documents are known; a partition's own ARN maps to the same document. */
function knownManagedPolicy(policyArn: string): PolicyDocument | undefined {
  const partition = parseArn(policyArn)?.partition ?? "aws";
  return policyArn === ecsTaskExecutionManagedPolicyArn(partition) ? amazonEcsTaskExecutionRolePolicy : undefined;
}

const known = (read: () => unknown): unknown => knownOr(read, undefined);

/**
 * Finds the role whose ARN `roleArn` is, when an upstream-stack component of this stack carries it as
 * `executionRoleArn` with `executionRolePolicies` beside it (the registry-access contract, @platform/contracts).
 * Its state holds the upstream stack's `outputs`, and analyzeStack sees it in a real preview and update.
 * Undefined when no component carries the role or its policies.
 * The components are found once per stack and each ARN is looked up once: scanning the whole stack
 * for every container made the rule quadratic in the stack's size (bench/).
 */
export function upstreamRoleFinder(
  resources: readonly PolicyResource[],
): (roleArn: string) => UpstreamRole | undefined {
  const references = resources.filter((resource) => resource.type === UPSTREAM_STACK);
  const found = new Map<string, UpstreamRole | undefined>();
  return (roleArn) => {
    if (!found.has(roleArn)) found.set(roleArn, upstreamRoleIn(references, roleArn));
    return found.get(roleArn);
  };
}

/**
 * Every execution role an upstream-stack component of this stack names (`executionRoleArn`, the registry-access contract),
 * with what its stack exports about it; a stack that exports no policies gives a role with no documents.
 */
export function upstreamExecutionRoles(resources: readonly PolicyResource[]): UpstreamRole[] {
  const references = resources.filter((resource) => resource.type === UPSTREAM_STACK);
  return references.flatMap((reference) => {
    const outputs = known(() => reference.props.outputs) as Record<string, unknown> | undefined;
    const roleArn = outputs === undefined || outputs === null ? undefined : known(() => outputs.executionRoleArn);
    if (typeof roleArn !== "string") return [];
    return [upstreamRoleIn([reference], roleArn) ?? withoutPolicies(reference, roleArn)];
  });
}

function withoutPolicies(reference: PolicyResource, roleArn: string): UpstreamRole {
  return {
    arn: roleArn,
    stack: stackNameOf(reference),
    reference,
    documents: [],
    inlinePolicies: [],
    managedPolicyArns: [],
    knownManagedDocuments: [],
    unreadManagedPolicies: [],
    registrySecretArns: [],
  };
}

/** The component's `name` output is the upstream stack; the resource's own name stands in when it is not known. */
function stackNameOf(reference: PolicyResource): string {
  const stackName = known(() => reference.props.name);
  return typeof stackName === "string" ? stackName : reference.name;
}

function upstreamRoleIn(references: readonly PolicyResource[], roleArn: string): UpstreamRole | undefined {
  for (const reference of references) {
    const outputs = known(() => reference.props.outputs) as Record<string, unknown> | undefined;
    if (outputs === undefined || outputs === null || known(() => outputs.executionRoleArn) !== roleArn) continue;
    const policies = registryAccessContract.schema.shape.executionRolePolicies.safeParse(
      plain(known(() => outputs.executionRolePolicies)),
    );
    if (!policies.success) continue;
    const managed = policies.data.managedPolicyArns.map((arn) => [arn, knownManagedPolicy(arn)] as const);
    const credentials = registryAccessContract.schema.shape.registryCredentials.safeParse(
      plain(known(() => outputs.registryCredentials)),
    );
    const kmsKeyArn = known(() => outputs.kmsKeyArn);
    const knownManagedDocuments = managed.flatMap(([, document]) => (document === undefined ? [] : [document]));
    return {
      arn: roleArn,
      stack: stackNameOf(reference),
      reference,
      documents: [
        ...policies.data.inlinePolicies.map((policy) => normalizePolicyDocument(policy.document)!),
        ...knownManagedDocuments,
      ],
      inlinePolicies: policies.data.inlinePolicies,
      managedPolicyArns: policies.data.managedPolicyArns,
      knownManagedDocuments,
      unreadManagedPolicies: managed.filter(([, document]) => document === undefined).map(([arn]) => arn),
      ...(typeof kmsKeyArn === "string" ? { kmsKeyArn } : {}),
      registrySecretArns: credentials.success ? Object.values(credentials.data) : [],
    };
  }
  return undefined;
}

/** "execution role `arn` (exported by stack `org/registry-access/dev`)", for messages. */
export function upstreamRoleLabel(role: UpstreamRole): string {
  const unread =
    role.unreadManagedPolicies.length === 0
      ? ""
      : `; its managed policies ${role.unreadManagedPolicies.map(code).join(", ")} were not read`;
  return `execution role ${code(role.arn)} (exported by stack ${code(role.stack)}${unread})`;
}

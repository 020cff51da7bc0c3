import type { PolicyResource } from "@pulumi/policy";
import { parseArn } from "@platform/iam";
import { declaredIdentityDocuments, type DeclaredDocument } from "./iam-documents";
import {
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "./resource-types";
import { knownOr } from "./unknowns";

/** A policy document and the resource that declares it. */
export interface SourcedDocument extends DeclaredDocument {
  readonly source: PolicyResource;
}

/** A managed policy attached to a role, and the resource that attaches it. */
export interface ManagedAttachment {
  readonly policyArn: string;
  /** The role itself (managedPolicyArns) or the attachment resource. */
  readonly via: PolicyResource;
  /** The input that attaches it, for messages. */
  readonly through: string;
}

/** Attachment resource types and the inputs that name the role(s) and the policy(ies). */
const attachmentShapes = [
  { type: IAM_ROLE_POLICY_ATTACHMENT, roleKey: "role", policyKey: "policyArn" },
  { type: IAM_POLICY_ATTACHMENT, roleKey: "roles", policyKey: "policyArn" },
  { type: IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE, roleKey: "roleName", policyKey: "policyArns" },
] as const;

const known = (read: () => unknown): unknown => knownOr(read, undefined);
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");

/** Adds `value` to the list under `key`, creating it. */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * IAM roles of a stack and what hangs off them. A reference to a role counts when the engine
 * recorded it as a property dependency (works with unknown names during preview), or when the
 * value names the role (its name or ARN).
 *
 * Lookups go through indexes built once per graph: asking every attachment and role policy about
 * every role made a stack rule quadratic in the stack's size (bench/).
 */
export class RoleGraph {
  private readonly byType = new Map<string, PolicyResource[]>();
  /** Roles by lower-case name and ARN (IAM role names are case-insensitive), in stack order. */
  private readonly rolesByName = new Map<string, PolicyResource[]>();
  private readonly rolesByArn = new Map<string, PolicyResource[]>();
  private readonly roleOrder = new Map<PolicyResource, number>();
  /** `${type}\n${key}` → role → the resources of that type whose `key` refers to the role, in stack order. */
  private readonly referrerIndexes = new Map<string, Map<PolicyResource, PolicyResource[]>>();
  /** `${type}\n${key}` → known value (undefined when unknown or absent) → the first resource of that type with it. */
  private readonly valueIndexes = new Map<string, Map<unknown, PolicyResource>>();

  constructor(resources: readonly PolicyResource[]) {
    for (const resource of resources) append(this.byType, resource.type, resource);
    this.roles().forEach((role, index) => {
      this.roleOrder.set(role, index);
      const name = known(() => role.props.name);
      const arn = known(() => role.props.arn);
      if (typeof name === "string") append(this.rolesByName, name.toLowerCase(), role);
      if (typeof arn === "string") append(this.rolesByArn, arn.toLowerCase(), role);
    });
  }

  ofType(type: string): readonly PolicyResource[] {
    return this.byType.get(type) ?? [];
  }

  roles(): readonly PolicyResource[] {
    return this.ofType(IAM_ROLE);
  }

  /** The role a value (ARN or name) names, if it is in this stack: the first in stack order. */
  roleNamed(value: string): PolicyResource | undefined {
    const name = (roleNameOfArn(value) ?? value).toLowerCase();
    const candidates = [this.rolesByArn.get(value.toLowerCase())?.[0], this.rolesByName.get(name)?.[0]].filter(
      (r) => r !== undefined,
    );
    return candidates.sort((a, b) => this.roleOrder.get(a)! - this.roleOrder.get(b)!)[0];
  }

  /** true when some resource of `type` refers to `role` through its `key` (see rolesReferredBy). */
  isReferredToBy(type: string, key: string, role: PolicyResource): boolean {
    return this.referrers(type, key, role).length > 0;
  }

  /**
   * The first resource of `type`, in stack order, whose `props[key]` is `value` (undefined matches a
   * value that is unknown or absent). Indexed once per type and key: rules ask it for every secret,
   * key and managed policy, and a scan each time made them quadratic in the stack's size (bench/).
   */
  firstWith(type: string, key: string, value: unknown): PolicyResource | undefined {
    const indexKey = `${type}\n${key}`;
    let index = this.valueIndexes.get(indexKey);
    if (index === undefined) {
      index = new Map();
      for (const resource of this.ofType(type)) {
        const known = knownOr(() => resource.props[key] as unknown, undefined);
        if (!index.has(known)) index.set(known, resource);
      }
      this.valueIndexes.set(indexKey, index);
    }
    return index.get(value);
  }

  /** The resource that comes first in the stack's order of its type (the order ofType returns). */
  firstInStack(type: string, candidates: readonly (PolicyResource | undefined)[]): PolicyResource | undefined {
    const list = this.ofType(type);
    const present = candidates.filter((c): c is PolicyResource => c !== undefined);
    return present.sort((a, b) => list.indexOf(a) - list.indexOf(b))[0];
  }

  /** The roles `resource.props[key]` refers to: by property dependency, name or ARN. */
  private rolesReferredBy(resource: PolicyResource, key: string): Set<PolicyResource> {
    const roles = new Set((resource.propertyDependencies[key] ?? []).filter((r) => this.roleOrder.has(r)));
    for (const value of strings(known(() => resource.props[key]))) {
      const key = value.toLowerCase();
      for (const role of [...(this.rolesByName.get(key) ?? []), ...(this.rolesByArn.get(key) ?? [])]) roles.add(role);
    }
    return roles;
  }

  /** The resources of `type` whose `key` refers to `role`, in stack order. */
  private referrers(type: string, key: string, role: PolicyResource): readonly PolicyResource[] {
    const indexKey = `${type}\n${key}`;
    let index = this.referrerIndexes.get(indexKey);
    if (index === undefined) {
      index = new Map();
      for (const resource of this.ofType(type)) {
        for (const referred of this.rolesReferredBy(resource, key)) append(index, referred, resource);
      }
      this.referrerIndexes.set(indexKey, index);
    }
    return index.get(role) ?? [];
  }

  /** Managed policies attached to the role: `managedPolicyArns` and every attachment resource. */
  managedPolicies(role: PolicyResource): ManagedAttachment[] {
    const attached: ManagedAttachment[] = strings(role.props.managedPolicyArns).map((policyArn) => ({
      policyArn,
      via: role,
      through: "managedPolicyArns",
    }));
    for (const shape of attachmentShapes) {
      for (const attachment of this.referrers(shape.type, shape.roleKey, role)) {
        for (const policyArn of strings(attachment.props[shape.policyKey])) {
          attached.push({ policyArn, via: attachment, through: `${attachment.type} \`${attachment.name}\`` });
        }
      }
    }
    return attached;
  }

  /**
   * What this stack attaches to a role it does not declare (one another stack exports), naming it by ARN or by
   * name: managed policies through attachment resources, and RolePolicy resources. Judged as if they were in
   * the role's own stack.
   */
  aimedAt(roleArn: string): { attachments: ManagedAttachment[]; rolePolicies: PolicyResource[] } {
    const names = new Set([roleArn, roleNameOfArn(roleArn) ?? roleArn].map((name) => name.toLowerCase()));
    const namesRole = (resource: PolicyResource, key: string) =>
      strings(known(() => resource.props[key])).some((value) => names.has(value.toLowerCase()));
    const attachments: ManagedAttachment[] = [];
    for (const shape of attachmentShapes) {
      for (const attachment of this.ofType(shape.type)) {
        if (!namesRole(attachment, shape.roleKey)) continue;
        for (const policyArn of strings(attachment.props[shape.policyKey])) {
          attachments.push({ policyArn, via: attachment, through: `${attachment.type} \`${attachment.name}\`` });
        }
      }
    }
    const rolePolicies = this.ofType(IAM_ROLE_POLICY).filter((policy) => namesRole(policy, "role"));
    return { attachments, rolePolicies };
  }

  /**
   * The identity documents that apply to the role: inline, role policies, and customer managed policies in this
   * stack, each with the resource that declares it (where a finding about it belongs).
   */
  identityDocuments(role: PolicyResource): SourcedDocument[] {
    const documents: SourcedDocument[] = declaredIdentityDocuments(role.type, role.props).map((d) => ({
      ...d,
      path: `${role.name}.${d.path}`,
      source: role,
    }));
    for (const rolePolicy of this.referrers(IAM_ROLE_POLICY, "role", role)) {
      documents.push({ path: `${rolePolicy.name}.policy`, raw: rolePolicy.props.policy, source: rolePolicy });
    }
    for (const { policyArn, via } of this.managedPolicies(role)) {
      documents.push(...this.customerPolicyDocument(policyArn, via));
    }
    return documents;
  }

  /** The document of a customer managed policy of this stack that `via` attaches, if there is one. */
  customerPolicyDocument(policyArn: string, via: PolicyResource): SourcedDocument[] {
    const policy = this.customerPolicy(policyArn, via);
    return policy === undefined ? [] : [{ path: `${policy.name}.policy`, raw: policy.props.policy, source: policy }];
  }

  /** A customer managed policy of this stack, by ARN or through the attachment's dependency on it. */
  customerPolicy(policyArn: string, via: PolicyResource): PolicyResource | undefined {
    const byArn = this.firstWith(IAM_POLICY, "arn", policyArn);
    if (byArn !== undefined) return byArn;
    const policies = this.ofType(IAM_POLICY);
    // An ARN unknown during preview: trust the dependency only when it is unambiguous.
    const dependencies = [
      ...(via.propertyDependencies.policyArn ?? []),
      ...(via.propertyDependencies.policyArns ?? []),
    ];
    const candidates = policies.filter((policy) => dependencies.includes(policy));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
}

/** "arn:aws:iam::123456789012:role/path/name" → "name". */
export function roleNameOfArn(value: string): string | undefined {
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== "iam" || !arn.resource.startsWith("role/")) return undefined;
  return arn.resource.split("/").at(-1);
}

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

/**
 * IAM roles of a stack and what hangs off them. A reference to a role counts when the engine
 * recorded it as a property dependency (works with unknown names during preview), or when the
 * value names the role (its name or ARN).
 */
export class RoleGraph {
  private readonly byType = new Map<string, PolicyResource[]>();

  constructor(resources: readonly PolicyResource[]) {
    for (const resource of resources) {
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
  }

  ofType(type: string): readonly PolicyResource[] {
    return this.byType.get(type) ?? [];
  }

  roles(): readonly PolicyResource[] {
    return this.ofType(IAM_ROLE);
  }

  /** The role a value (ARN or name) names, if it is in this stack. */
  roleNamed(value: string): PolicyResource | undefined {
    const name = roleNameOfArn(value) ?? value;
    return this.roles().find((role) => known(() => role.props.arn) === value || known(() => role.props.name) === name);
  }

  refersTo(resource: PolicyResource, key: string, role: PolicyResource): boolean {
    if ((resource.propertyDependencies[key] ?? []).includes(role)) return true;
    const names = [known(() => role.props.name), known(() => role.props.arn)].filter((v) => typeof v === "string");
    return strings(known(() => resource.props[key])).some((value) => names.includes(value));
  }

  /** Managed policies attached to the role: `managedPolicyArns` and every attachment resource. */
  managedPolicies(role: PolicyResource): ManagedAttachment[] {
    const attached: ManagedAttachment[] = strings(role.props.managedPolicyArns).map((policyArn) => ({
      policyArn,
      via: role,
      through: "managedPolicyArns",
    }));
    for (const shape of attachmentShapes) {
      for (const attachment of this.ofType(shape.type)) {
        if (!this.refersTo(attachment, shape.roleKey, role)) continue;
        for (const policyArn of strings(attachment.props[shape.policyKey])) {
          attached.push({ policyArn, via: attachment, through: `${attachment.type} \`${attachment.name}\`` });
        }
      }
    }
    return attached;
  }

  /** The identity documents that apply to the role: inline, role policies, and customer managed policies in this stack. */
  identityDocuments(role: PolicyResource): DeclaredDocument[] {
    const documents = declaredIdentityDocuments(role.type, role.props).map((d) => ({ ...d, path: `${role.name}.${d.path}` }));
    for (const rolePolicy of this.ofType(IAM_ROLE_POLICY)) {
      if (this.refersTo(rolePolicy, "role", role)) documents.push({ path: `${rolePolicy.name}.policy`, raw: rolePolicy.props.policy });
    }
    for (const { policyArn, via } of this.managedPolicies(role)) {
      const policy = this.customerPolicy(policyArn, via);
      if (policy !== undefined) documents.push({ path: `${policy.name}.policy`, raw: policy.props.policy });
    }
    return documents;
  }

  /** A customer managed policy of this stack, by ARN or through the attachment's dependency on it. */
  customerPolicy(policyArn: string, via: PolicyResource): PolicyResource | undefined {
    const policies = this.ofType(IAM_POLICY);
    const byArn = policies.find((policy) => known(() => policy.props.arn) === policyArn);
    if (byArn !== undefined) return byArn;
    // An ARN unknown during preview: trust the dependency only when it is unambiguous.
    const dependencies = [...(via.propertyDependencies.policyArn ?? []), ...(via.propertyDependencies.policyArns ?? [])];
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

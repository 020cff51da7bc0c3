import type { PolicyResource } from "@pulumi/policy";
import { declaredIdentityDocuments } from "./iam-documents";
import { NATIVE_IAM_MANAGED_POLICY, NATIVE_IAM_ROLE, NATIVE_IAM_ROLE_POLICY } from "./resource-types";
import { roleNameOfArn } from "./role-graph";
import { knownOr } from "./unknowns";

/** A document that applies to a role, with the resource that declares it. */
export interface NativeRoleDocument {
  readonly path: string;
  readonly raw: unknown;
  readonly urn: string;
}

const known = (read: () => unknown): unknown => knownOr(read, undefined);
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");

/**
 * The aws-native provider's view of roles (AWS Cloud Control: `AWS::IAM::Role`, `AWS::IAM::RolePolicy`,
 * `AWS::IAM::ManagedPolicy`). A role names its managed policies in `managedPolicyArns` and its inline ones in
 * `policies`; a RolePolicy names its role by `roleName`, a ManagedPolicy its roles by name in `roles`. A
 * reference counts when the value names the role, or the engine recorded it as a property dependency.
 */
export class NativeRoles {
  private readonly rolePolicies: readonly PolicyResource[];
  private readonly managedPolicies: readonly PolicyResource[];
  readonly roles: readonly PolicyResource[];

  constructor(resources: readonly PolicyResource[]) {
    this.roles = resources.filter((resource) => resource.type === NATIVE_IAM_ROLE);
    this.rolePolicies = resources.filter((resource) => resource.type === NATIVE_IAM_ROLE_POLICY);
    this.managedPolicies = resources.filter((resource) => resource.type === NATIVE_IAM_MANAGED_POLICY);
  }

  /** The managed policy ARNs the role lists itself. */
  managedPolicyArns(role: PolicyResource): string[] {
    return strings(known(() => role.props.managedPolicyArns));
  }

  /** The role's name and ARN, as far as they are known. */
  namesOf(role: PolicyResource): string[] {
    return [known(() => role.props.roleName), known(() => role.props.arn)].filter(
      (value): value is string => typeof value === "string",
    );
  }

  /** Every identity document of this stack that applies to `role` (a role of this stack or another's). */
  documentsFor(role: { names: readonly string[]; resource?: PolicyResource }): NativeRoleDocument[] {
    // IAM role names are case-insensitive.
    const names = new Set(
      role.names.flatMap((name) => [name, roleNameOfArn(name) ?? name]).map((n) => n.toLowerCase()),
    );
    const refersTo = (resource: PolicyResource, key: string) =>
      strings(known(() => resource.props[key])).some((value) => names.has(value.toLowerCase())) ||
      (role.resource !== undefined && (resource.propertyDependencies[key] ?? []).includes(role.resource));
    const own =
      role.resource === undefined
        ? []
        : declaredIdentityDocuments(role.resource.type, role.resource.props).map((document) => ({
            path: `${role.resource!.name}.${document.path}`,
            raw: document.raw,
            urn: role.resource!.urn,
          }));
    // A ManagedPolicy the role lists in its own `managedPolicyArns` (by ARN, or through the engine's dependency).
    const listed = new Set(role.resource === undefined ? [] : this.managedPolicyArns(role.resource));
    const listedDependencies = role.resource?.propertyDependencies.managedPolicyArns ?? [];
    const listsIt = (policy: PolicyResource) =>
      listedDependencies.includes(policy) ||
      strings(known(() => policy.props.policyArn)).some((arn) => listed.has(arn));
    const attached = [
      ...this.rolePolicies.filter((policy) => refersTo(policy, "roleName")),
      ...this.managedPolicies.filter((policy) => refersTo(policy, "roles") || listsIt(policy)),
    ].map((policy) => ({
      path: `${policy.name}.policyDocument`,
      raw: policy.props.policyDocument as unknown,
      urn: policy.urn,
    }));
    return [...own, ...attached];
  }
}

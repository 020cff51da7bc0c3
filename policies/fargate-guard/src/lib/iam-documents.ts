import {
  ecsTasksServicePrincipal,
  normalizePolicyDocument,
  type PolicyDocument,
  type PolicyStatement,
} from "@platform/iam";
import { memoizeParse } from "./parse-cache";
import {
  AWSX_SERVICES,
  AWSX_TASK_DEFINITIONS,
  IAM_GROUP_POLICY,
  IAM_POLICY,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_USER_POLICY,
  NATIVE_IAM_GROUP,
  NATIVE_IAM_POLICY_DOCUMENT_TYPES,
  NATIVE_IAM_ROLE,
  NATIVE_IAM_USER,
} from "./resource-types";
import { field, type Props } from "./props";

/** Every resource type whose inputs hold an identity policy document. */
export const IDENTITY_POLICY_TYPES = [
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_POLICY,
  IAM_USER_POLICY,
  IAM_GROUP_POLICY,
  ...AWSX_SERVICES,
  ...AWSX_TASK_DEFINITIONS,
  NATIVE_IAM_ROLE,
  NATIVE_IAM_USER,
  NATIVE_IAM_GROUP,
  ...NATIVE_IAM_POLICY_DOCUMENT_TYPES,
] as const;

/** A policy document as a resource declares it: a JSON string or an object. */
export interface DeclaredDocument {
  /** Where it sits in the resource's inputs, for messages. */
  readonly path: string;
  readonly raw: unknown;
}

/**
 * A plain copy of a (proxied) input value. Reading through the SDK's proxy throws
 * UnknownValueError at the first unknown, so an unknown document is never checked as if empty.
 */
export function plainJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * The document, normalised by @platform/iam; undefined when it is not IAM's shape (a finding, never "no grants").
 * Several rules read the same documents of a request: each distinct document is normalised once, and
 * the result is shared (read-only).
 */
export function readDocument(declared: DeclaredDocument): PolicyDocument | undefined {
  // A document given as text (as @pulumi/aws takes it) is its own key. Any other value's JSON text is the key;
  // reading it through the SDK's proxy throws at an unknown, as plainJson does.
  if (typeof declared.raw === "string") return documentOfText(declared.raw);
  const json = JSON.stringify(declared.raw) as string | undefined;
  return json === undefined ? normalizePolicyDocument(undefined) : normalizedDocument(json);
}

const documentOfText = memoizeParse((text: string) => normalizePolicyDocument(text));
const normalizedDocument = memoizeParse((json: string) => normalizePolicyDocument(JSON.parse(json)));

/**
 * Identity policy documents a resource declares: IAM role, role/user/group policies, managed policies, awsx roles,
 * and their aws-native counterparts.
 */
export function declaredIdentityDocuments(type: string, props: Props): DeclaredDocument[] {
  if ((NATIVE_IAM_POLICY_DOCUMENT_TYPES as readonly string[]).includes(type)) {
    return props.policyDocument === undefined ? [] : [{ path: "policyDocument", raw: props.policyDocument }];
  }
  switch (type) {
    case IAM_ROLE:
      return inlinePolicies(props.inlinePolicies, "inlinePolicies");
    case NATIVE_IAM_ROLE:
    case NATIVE_IAM_USER:
    case NATIVE_IAM_GROUP:
      return inlinePolicies(props.policies, "policies", { name: "policyName", document: "policyDocument" });
    case IAM_ROLE_POLICY:
    case IAM_POLICY:
    case IAM_USER_POLICY:
    case IAM_GROUP_POLICY:
      return props.policy === undefined ? [] : [{ path: "policy", raw: props.policy }];
    default: {
      const isService = (AWSX_SERVICES as readonly string[]).includes(type);
      if (!isService && !(AWSX_TASK_DEFINITIONS as readonly string[]).includes(type)) return [];
      const args = isService ? props.taskDefinitionArgs : props;
      const prefix = isService ? "taskDefinitionArgs." : "";
      return ["executionRole", "taskRole"].flatMap((role) =>
        inlinePolicies(
          field(field(field(args, role), "args"), "inlinePolicies"),
          `${prefix}${role}.args.inlinePolicies`,
        ),
      );
    }
  }
}

/** The keys of an inline policy entry: `{ name, policy }` in @pulumi/aws, `{ policyName, policyDocument }` in aws-native. */
const awsInlineKeys = { name: "name", document: "policy" };

function inlinePolicies(list: unknown, path: string, keys = awsInlineKeys): DeclaredDocument[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown, index) => {
    const policy = field(entry, keys.document);
    if (policy === undefined) return [];
    const entryName = field(entry, keys.name);
    const name = typeof entryName === "string" ? ` (${entryName})` : "";
    return [{ path: `${path}[${index}]${name}`, raw: policy }];
  });
}

/** "statement `Sid`" or "statement #2", for messages. */
export function statementLabel(statement: PolicyStatement, index: number): string {
  return statement.Sid ? `statement \`${statement.Sid}\`` : `statement #${index + 1}`;
}

export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The Allow statements of a trust policy that let ecs-tasks.amazonaws.com assume the role. */
export function ecsTasksTrustStatements(trust: PolicyDocument): PolicyStatement[] {
  return trust.Statement.filter((statement) => {
    if (statement.Effect !== "Allow") return false;
    const principal = statement.Principal as { Service?: string | string[] } | string | undefined;
    if (principal === undefined || typeof principal === "string") return false;
    return asList(principal.Service).includes(ecsTasksServicePrincipal);
  });
}

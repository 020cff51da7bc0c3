import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";

/** Condition block: operator -> condition key -> value(s). */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: PolicyCondition;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * Normalise a document given as object or JSON string (as Pulumi passes `policy` inputs);
 * undefined when it cannot be parsed.
 *
 * - A single Statement object becomes a one-element array, as IAM itself reads it.
 * - A missing or "2008-10-17" Version is reported as "2012-10-17": the statements grant the
 *   same actions on the same resources, which is what callers check (only policy variables differ).
 * - Anything else that is not IAM's shape (no Statement, a statement without Effect
 *   "Allow"/"Deny", non-object statements) is undefined: callers should treat that as a finding,
 *   never as "no grants".
 */
export function normalizePolicyDocument(input: unknown): PolicyDocument | undefined {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  const version = value["Version"];
  if (version !== undefined && version !== "2012-10-17" && version !== "2008-10-17") return undefined;
  const rawStatements = value["Statement"];
  const statements = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (statements.length === 0 || !statements.every(isStatement)) return undefined;
  return { Version: "2012-10-17", Statement: statements.map((statement) => ({ ...statement })) };
}

export type PolicyKind = "identity" | "trust" | "resource";

/**
 * IAM's own grammar checks for a document of the given kind, via @cloud-copilot/iam-policy
 * (for example "Principal is not allowed in an identity policy statement"). Empty when valid.
 */
export function policyValidationErrors(document: PolicyDocument, kind: PolicyKind): string[] {
  const validate = { identity: validateIdentityPolicy, trust: validateTrustPolicy, resource: validateResourcePolicy }[
    kind
  ];
  return validate(document).map((error) => `${error.path}: ${error.message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStatement(value: unknown): value is PolicyStatement {
  return isRecord(value) && (value["Effect"] === "Allow" || value["Effect"] === "Deny");
}

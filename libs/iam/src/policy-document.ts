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

/** Normalise a document given as object or JSON string (as Pulumi passes `policy` inputs); undefined when it cannot be parsed. */
export function normalizePolicyDocument(input: unknown): PolicyDocument | undefined {
  void input;
  return undefined;
}

import type { PolicyDocument } from "./policy-document";

export function secretReadPolicy(args: { secretArns: readonly string[]; kmsKeyArn?: string; region: string }): PolicyDocument {
  void args;
  return { Version: "2012-10-17", Statement: [] };
}

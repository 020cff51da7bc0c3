/**
 * What every rule declares about itself. RULES.md is rendered from this (scripts/rules-md.ts),
 * and test/pack/rules-md.test.ts fails when the two disagree, in the style of cdk-nag's rule
 * metadata (cdklabs/cdk-nag src/rules) and pulumi-policy-aws's policy descriptions.
 */
export type DefaultLevel = "mandatory" | "advisory";

export interface RuleMetadata {
  /** The policy name the engine reports and `config/<env>.json` keys on: kebab-case, named for what it enforces. */
  readonly name: string;
  /** One sentence starting "Checks that …". */
  readonly description: string;
  /** RULES.md "Cause": what in a resource produces a finding. */
  readonly cause: string;
  /** RULES.md "Explanation": why the rule exists. */
  readonly rationale: string;
  /**
   * RULES.md "Does not cover": what a reader could expect the rule to judge and it does not (other providers'
   * resource types, other documents, what only AWS knows at run time), so a pass is not read as more than it is.
   */
  readonly notCovered: string;
  /** How to fix a finding; also sent to the engine as the policy's remediation steps. */
  readonly fix: string;
  /** Level when `config/<env>.json` does not set one. "mandatory" stops `pulumi up`. */
  readonly enforcementLevel: DefaultLevel;
  /** Resource types the rule reads (both aliases for aws:lb / aws:alb types). */
  readonly resourceTypes: readonly string[];
  /** The checks elsewhere this rule follows (cdk-nag, Checkov, AWSGuard ids). */
  readonly references: readonly string[];
}

/** Metadata of a rule, whether it validates one resource at a time or the whole stack. */
export interface RuleWithMetadata {
  readonly metadata: RuleMetadata;
}

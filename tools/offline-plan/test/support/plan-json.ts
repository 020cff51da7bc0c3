// A typed view of the JSON document `offline-plan --json` prints (src/report/json.ts and command-report.ts),
// so the tests read the plan's output through its shape instead of `any`.
import type { StackDiff } from "../../src/diff/plan-diff";

export interface PlanJsonResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  /** The former URNs the engine matches the resource to, when it has any. */
  aliases?: string[];
  /** The resource's inputs as displayed: secrets masked. */
  properties: Record<string, unknown>;
}

export interface PlanJsonViolation {
  policyPack: string;
  policyName: string;
  enforcementLevel: string;
  urn: string;
  message: string;
  /** True when the rule could not judge a value the plan does not know. */
  notJudged: boolean;
}

export interface PlanJsonStack {
  project: string;
  stack: string;
  resources: PlanJsonResource[];
  violations: PlanJsonViolation[];
  error: string | null;
}

export interface PlanJsonPack {
  dir: string;
  name: string;
  version: string;
  error: string | null;
  lowered: PlanJsonLowered[];
  /** Each resource a policy of the config skips, with the exception's reason and expiry. */
  skipped: Array<{ policy: string; urn: string; reason: string; expires: string }>;
}

/** A rule the config sets below its default, with its level exception (reason and expiry) or null. */
export interface PlanJsonLowered {
  policy: string;
  from: string;
  to: string;
  exception: { reason: string; expires: string } | null;
}

/** Present with `--diff <ref>`. */
export interface PlanJsonDiff {
  ref: string;
  commit: string;
  lockfileNote: string | null;
  baseError: string | null;
  stacks: StackDiff[];
}

/** The document of one environment. */
export interface PlanJson {
  ok: boolean;
  env: string;
  /** Mandatory checks that a value the plan does not know kept from judging. */
  notJudged: number;
  stacks: PlanJsonStack[];
  policyPacks: PlanJsonPack[];
  /** What the checks before planning warn about (a dev pack config with no levels). */
  warnings: string[];
  diff?: PlanJsonDiff;
}

/** The document of `--env all`: one entry per environment. */
export interface AllEnvironmentsJson {
  ok: boolean;
  env: "all";
  environments: PlanJson[];
}

export const parsePlanJson = (text: string): PlanJson => JSON.parse(text) as PlanJson;

export const parseAllEnvironmentsJson = (text: string): AllEnvironmentsJson => JSON.parse(text) as AllEnvironmentsJson;

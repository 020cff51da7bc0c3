// The plan's verdict, as `pulumi preview --policy-pack` decides it: a mandatory violation, a program
// error or a policy pack error fails the plan; advisory violations are reported and pass.
import { isNotJudged } from "@platform/config/not-judged";
import type { PlanResult, StackResult, Violation } from "../types";

export interface Verdict {
  ok: boolean;
  /** Mandatory violations, the mandatory checks that were not judged among them. */
  mandatory: number;
  /** Mandatory checks a value unknown to the plan kept from judging: they fail the plan as violations do. */
  notJudged: number;
  advisory: number;
  programErrors: number;
  packErrors: number;
  resources: number;
}

export function verdictOf(plan: PlanResult): Verdict {
  const violations = plan.stacks.flatMap((s) => s.violations);
  const verdict = {
    mandatory: violations.filter(isMandatory).length,
    notJudged: violations.filter((v) => isMandatory(v) && isNotJudged(v.message)).length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    programErrors: plan.stacks.filter((s) => s.error !== null).length,
    packErrors: plan.packs.filter((p) => p.error !== null).length,
    resources: plan.stacks.reduce((sum, s) => sum + s.resources.length, 0),
  };
  return { ...verdict, ok: verdict.mandatory + verdict.programErrors + verdict.packErrors === 0 };
}

/** Remediate-level policies that still report are mandatory, as the engine treats them. */
export const isMandatory = (v: Violation): boolean =>
  v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate";

export const stackLabel = (s: StackResult): string => `${s.identity.project}/${s.identity.stack}`;

/** `type name` of the resource a URN names (`urn:pulumi:<stack>::<project>::<parent$type>::<name>`). */
export function resourceOfUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { type: "", name: urn };
  return { type: parts[2]!.split("$").pop()!, name: parts.slice(3).join("::") };
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

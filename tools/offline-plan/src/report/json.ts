// The plan for machines: one JSON document, the interface other checks read.
import * as path from "node:path";
import { workspaceRoot } from "../discovery";
import type { PlanResult } from "../types";
import { displayValue } from "../diff/display-value";
import { isNotJudged } from "@platform/config/not-judged";
import { verdictOf } from "./verdict";

export function jsonReport(plan: PlanResult): string {
  return JSON.stringify(jsonDocument(plan), null, 2) + "\n";
}

/** The plan of one environment as a JSON value; each resource carries its input properties, secrets masked. */
export function jsonDocument(plan: PlanResult): Record<string, unknown> {
  const verdict = verdictOf(plan);
  return {
    ok: verdict.ok,
    env: plan.env,
    // Mandatory checks a value the plan does not know kept from judging (each is also a mandatory violation).
    notJudged: verdict.notJudged,
    stacks: plan.stacks.map((stack) => ({
      project: stack.identity.project,
      stack: stack.identity.stack,
      resources: stack.resources.map(({ urn, type, name, parent, inputs, options }) => ({
        urn,
        type,
        name,
        parent,
        // The former URNs the engine would match this resource to (resource option `aliases`), when it has any.
        ...(options.aliases.length ? { aliases: options.aliases } : {}),
        properties: displayValue(inputs),
      })),
      violations: stack.violations.map(({ policyPack, policyName, enforcementLevel, urn, message }) => ({
        policyPack,
        policyName,
        enforcementLevel,
        urn,
        message,
        notJudged: isNotJudged(message),
      })),
      error: stack.error,
    })),
    // Relative to the workspace, so the document is the same on every machine and leaks no home folder.
    policyPacks: plan.packs.map(({ dir, name, version, error, lowered, skipped }) => ({
      dir: path.relative(workspaceRoot(), dir) || ".",
      name,
      version,
      error,
      // Each lowered rule with its level exception (reason and expiry), or null when the config gives none.
      lowered: lowered.map(({ name, from, to, exception }) => ({
        policy: name,
        from,
        to,
        exception: exception ?? null,
      })),
      // Each resource a policy skips, with its reason and expiry.
      skipped: skipped.map(({ policy, urn, reason, expires }) => ({ policy, urn, reason, expires })),
    })),
    warnings: plan.warnings,
  };
}

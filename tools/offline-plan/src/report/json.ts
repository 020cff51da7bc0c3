// The plan for machines: one JSON document, the interface other checks read.
import * as path from "node:path";
import { workspaceRoot } from "../discovery";
import type { PlanResult } from "../types";
import { verdictOf } from "./verdict";

export function jsonReport(plan: PlanResult): string {
  const document = {
    ok: verdictOf(plan).ok,
    env: plan.env,
    stacks: plan.stacks.map((stack) => ({
      project: stack.identity.project,
      stack: stack.identity.stack,
      resources: stack.resources.map(({ urn, type, name, parent }) => ({ urn, type, name, parent })),
      violations: stack.violations.map(({ policyPack, policyName, enforcementLevel, urn, message }) => ({
        policyPack,
        policyName,
        enforcementLevel,
        urn,
        message,
      })),
      error: stack.error,
    })),
    // Relative to the workspace, so the document is the same on every machine and leaks no home folder.
    policyPacks: plan.packs.map(({ dir, name, version, error, lowered }) => ({
      dir: path.relative(workspaceRoot(), dir) || ".",
      name,
      version,
      error,
      lowered,
    })),
  };
  return JSON.stringify(document, null, 2) + "\n";
}

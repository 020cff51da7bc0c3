// The plan for a person at a terminal: per stack the resource tree, then the policy violations grouped
// by pack and policy, then errors and one verdict line.
import { describeLowered, describeSkipped } from "@platform/config-files/waiver-report";
import type { PlanResult, Violation } from "../types";
import { resourceCounts, resourceTree } from "./tree";
import { plural, resourceOfUrn, seconds, stackLabel, verdictOf } from "./verdict";

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

export function textReport(plan: PlanResult): string {
  const out: string[] = [`Offline plan of ${plan.env}`, ""];
  for (const stack of plan.stacks) {
    out.push(`${stackLabel(stack)}${stack.stackFile ? "" : "  (no stack file: empty config)"}`);
    out.push(...resourceTree(stack.resources).map((line) => `  ${line}`));
    const counts = resourceCounts(stack.resources);
    out.push(`  Resources: ${counts.create} to create${counts.read ? `, ${counts.read} to read` : ""}`);
    if (stack.error) {
      out.push(`  error: ${stackLabel(stack)} failed:`, indent(stack.error, "    "));
      if (stack.output) out.push("  program output:", indent(stack.output, "    | "));
    }
    out.push("");
  }

  const violations = plan.stacks.flatMap((stack) => stack.violations.map((v) => ({ stack: stackLabel(stack), v })));
  if (violations.length) {
    out.push("Policy violations");
    for (const [pack, inPack] of groupBy(
      violations,
      ({ v }) => `${v.policyPack}${v.policyPackVersion ? ` v${v.policyPackVersion}` : ""}`,
    )) {
      out.push(`  ${pack}`);
      for (const [policy, inPolicy] of groupBy(inPack, ({ v }) => `[${v.enforcementLevel}] ${v.policyName}`)) {
        out.push(`    ${policy}`);
        for (const { stack, v } of inPolicy)
          out.push(`      ${stack}  ${resourceLabel(v)}`, indent(v.message, "        "));
      }
    }
    out.push("");
  }

  const lowering = plan.packs.filter((p) => p.lowered.length);
  if (lowering.length) {
    out.push(`Rules the ${plan.env} config disables or lowers`);
    for (const pack of lowering) out.push(`  ${pack.name}: ${describeLowered(pack.lowered)}`);
    out.push("");
  }

  const skipping = plan.packs.filter((p) => p.skipped.length);
  if (skipping.length) {
    out.push(`Resources the ${plan.env} config exempts from a rule`);
    for (const pack of skipping) out.push(...pack.skipped.map((s) => `  ${pack.name}: ${describeSkipped(s)}`));
    out.push("");
  }

  if (plan.warnings.length) {
    out.push("Warnings", ...plan.warnings.map((warning) => `  ${warning}`), "");
  }

  const failedPacks = plan.packs.filter((p) => p.error);
  if (failedPacks.length) {
    out.push("Policy pack errors");
    for (const pack of failedPacks) {
      out.push(`  ${pack.name} (${pack.dir}):`, indent(pack.error!, "    "));
      if (pack.output && !pack.error!.includes(pack.output)) out.push(indent(pack.output, "    | "));
    }
    out.push("");
  }

  out.push(verdictLine(plan));
  return out.join("\n") + "\n";
}

export function verdictLine(plan: PlanResult): string {
  const v = verdictOf(plan);
  const failures = [
    v.mandatory > v.notJudged && plural(v.mandatory - v.notJudged, "mandatory policy violation"),
    v.notJudged && `${plural(v.notJudged, "mandatory check")} not judged`,
    v.programErrors && plural(v.programErrors, "program error"),
    v.packErrors && plural(v.packErrors, "policy pack error"),
  ].filter(Boolean);
  const summary = `${plural(plan.stacks.length, "stack")}, ${plural(v.resources, "resource")}, ${plural(v.advisory, "advisory violation")}, ${seconds(plan.timings.totalMs)}`;
  return v.ok
    ? `✓ Plan of ${plan.env} passed: no mandatory violation (${summary})`
    : `✗ Plan of ${plan.env} failed: ${failures.join(", ")} (${summary})`;
}

function resourceLabel(v: Violation): string {
  if (!v.urn) return "(whole stack)";
  const { type, name } = resourceOfUrn(v.urn);
  return `${type} ${name}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

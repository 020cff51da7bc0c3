// One stack's diff as `pulumi preview --diff` shows it: `+` to create, `-` to delete, `~` to update,
// `+-` to replace, `=` kept as it is under a new URN (an alias), each changed property below its resource with
// the old and the new value.
import type { PropertyChange } from "../diff/property-diff";
import { hasChanges, type ResourceRef, type StackDiff } from "../diff/plan-diff";
import type { Violation } from "../types";
import { plural, resourceOfUrn } from "./verdict";

const MAX_VALUE = 400;

/** A value on one line, JSON as written; long values are cut so one property cannot drown the diff. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

export function propertyLine(change: PropertyChange): string {
  if (change.secret) return `~ ${change.path}: [secret] (${change.kind === "changed" ? "changed" : change.kind})`;
  if (change.kind === "added") return `+ ${change.path}: ${shown(change.new)}`;
  if (change.kind === "removed") return `- ${change.path}: ${shown(change.old)}`;
  return `~ ${change.path}: ${shown(change.old)} => ${shown(change.new)}`;
}

export function diffSummary(diff: StackDiff): string {
  if (diff.status === "not-compared") return "not compared";
  if (!hasChanges(diff)) return "no change";
  const parts = [
    diff.added.length && `${diff.added.length} to create`,
    updated(diff).length && `${updated(diff).length} to update`,
    moved(diff).length && `${moved(diff).length} moved by alias`,
    diff.replaced.length && `${diff.replaced.length} to replace`,
    diff.removed.length && `${diff.removed.length} to delete`,
    diff.outputs.length && plural(diff.outputs.length, "output change"),
    diff.config.length && plural(diff.config.length, "config change"),
    diff.violations.introduced.length && `${plural(diff.violations.introduced.length, "violation")} introduced`,
    diff.violations.fixed.length && `${plural(diff.violations.fixed.length, "violation")} fixed`,
  ].filter(Boolean);
  const prefix = diff.status === "compared" ? "" : `stack ${diff.status === "added" ? "added" : "removed"}: `;
  return prefix + (parts.join(", ") || "no change");
}

/** The diff's lines, unindented; the caller indents them under the stack's heading. */
export function diffLines(diff: StackDiff): string[] {
  if (diff.status === "not-compared")
    return [
      `! not compared: ${diff.reason ?? ""}`.split("\n")[0]!,
      ...(diff.reason ?? "")
        .split("\n")
        .slice(1)
        .map((l) => `  ${l}`),
    ];
  const lines: string[] = [];
  const resource = (r: ResourceRef) => `${r.type} ${r.name}`;
  for (const r of diff.added) lines.push(`+ ${resource(r)}`);
  for (const r of diff.removed) lines.push(`- ${resource(r)}`);
  for (const { base, head, reason } of diff.replaced) {
    const why =
      (reason && (base.name === head.name ? reason : `was ${base.name}, ${reason}`)) ??
      (base.type !== head.type ? `type was ${base.type}` : `parent was ${resourceOfUrn(base.parent).name || "(none)"}`);
    lines.push(`+- ${resource(head)} (replace: ${why})`);
  }
  for (const r of diff.changed) {
    const former = r.formerUrn ? resourceOfUrn(r.formerUrn) : undefined;
    // An alias keeps the resource: the engine moves its state to the new URN and updates nothing for that.
    const was = former ? ` (moved by alias from ${former.name === r.name ? "another parent" : former.name})` : "";
    lines.push(`${r.changes.length ? "~" : "="} ${resource(r)}${was}`);
    for (const change of r.changes) lines.push(`    ${propertyLine(change)}`);
  }
  if (diff.outputs.length) lines.push("~ Outputs", ...diff.outputs.map((c) => `    ${propertyLine(c)}`));
  if (diff.config.length) lines.push("~ Config", ...diff.config.map((c) => `    ${propertyLine(c)}`));
  const violation = (v: Violation) => {
    const { type, name } = resourceOfUrn(v.urn);
    const resource = v.urn ? `${type} ${name}` : "(whole stack)";
    return `[${v.enforcementLevel}] ${v.policyPack}/${v.policyName} ${resource}: ${violationMessage(v)}`;
  };
  if (diff.violations.introduced.length || diff.violations.fixed.length) {
    lines.push("Policy verdict");
    for (const v of diff.violations.introduced) lines.push(`    + introduced ${violation(v)}`);
    for (const v of diff.violations.fixed) lines.push(`    - fixed ${violation(v)}`);
  }
  return lines;
}

const updated = (diff: StackDiff) => diff.changed.filter((r) => r.changes.length);
const moved = (diff: StackDiff) => diff.changed.filter((r) => r.formerUrn);

/** The message without the policy's description, which the engine puts on its first line; one line. */
function violationMessage(v: Violation): string {
  const message =
    v.description && v.message.startsWith(v.description) ? v.message.slice(v.description.length).trim() : v.message;
  return message.replace(/\s*\n\s*/g, " ");
}

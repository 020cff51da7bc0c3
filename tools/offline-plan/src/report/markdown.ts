// The plan as a pull-request comment: the verdict, a table per stack, the violations, the errors,
// and each stack's resources folded away.
import { describeOneLowered } from "@platform/config/policy-config-file";
import type { PlanResult } from "../types";
import { verdictLine } from "./text";
import { resourceCounts, resourceTree } from "./tree";
import { isMandatory, plural, resourceOfUrn, stackLabel, verdictOf } from "./verdict";

/**
 * Table cells hold one line and no unescaped `|`; `<…>` outside code spans is escaped, or GitHub takes
 * it for HTML (inside code spans it shows as written, and an entity would not).
 */
const cell = (text: string) =>
  text
    .split("`")
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("`")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
const fence = (text: string) => ["```", text.replace(/```/g, "ˋˋˋ"), "```"].join("\n");

export function markdownReport(plan: PlanResult): string {
  const verdict = verdictOf(plan);
  const out: string[] = [
    `## ${verdict.ok ? "✅" : "❌"} Offline plan of \`${plan.env}\`: ${verdict.ok ? "passed" : "failed"}`,
    "",
    verdictLine(plan).replace(/^[✓✗] /, ""),
    "",
    "| Stack | To create | To read | Mandatory | Advisory | Program |",
    "|---|---:|---:|---:|---:|---|",
  ];
  for (const stack of plan.stacks) {
    const counts = resourceCounts(stack.resources);
    const mandatory = stack.violations.filter(isMandatory).length;
    const advisory = stack.violations.filter((v) => v.enforcementLevel === "advisory").length;
    out.push(
      `| \`${stackLabel(stack)}\` | ${counts.create} | ${counts.read} | ${mandatory} | ${advisory} | ${stack.error ? "❌ failed" : "✅"} |`,
    );
  }

  const violations = plan.stacks.flatMap((stack) => stack.violations.map((v) => ({ stack: stackLabel(stack), v })));
  if (violations.length) {
    out.push(
      "",
      "### Policy violations",
      "",
      "| Level | Pack | Policy | Stack | Resource | Message |",
      "|---|---|---|---|---|---|",
    );
    for (const { stack, v } of violations) {
      const { type, name } = resourceOfUrn(v.urn);
      const resource = v.urn ? `\`${type}\` \`${name}\`` : "(whole stack)";
      out.push(
        `| ${v.enforcementLevel} | ${cell(v.policyPack)} | ${cell(v.policyName)} | \`${stack}\` | ${resource} | ${cell(v.message)} |`,
      );
    }
  }

  const lowering = plan.packs.filter((p) => p.lowered.length);
  if (lowering.length) {
    out.push("", `### Rules the \`${plan.env}\` config disables or lowers`, "");
    for (const pack of lowering)
      out.push(`- ${cell(pack.name)}: ${pack.lowered.map((l) => cell(describeOneLowered(l))).join(", ")}`);
  }

  const failed = [
    ...plan.stacks.filter((s) => s.error).map((s) => ({ title: `Program error: ${stackLabel(s)}`, body: s.error! })),
    ...plan.packs.filter((p) => p.error).map((p) => ({ title: `Policy pack error: ${p.name}`, body: p.error! })),
  ];
  if (failed.length) {
    out.push("", "### Errors");
    for (const { title, body } of failed) out.push("", `**${cell(title)}**`, "", fence(body));
  }

  out.push("", "### Resources");
  for (const stack of plan.stacks) {
    out.push(
      "",
      `<details><summary><code>${stackLabel(stack)}</code>: ${plural(stack.resources.length, "resource")}</summary>`,
      "",
      fence(resourceTree(stack.resources).join("\n")),
      "",
      "</details>",
    );
  }
  return out.join("\n") + "\n";
}

import type { Rule } from "../../src/lib/rule";
import { UPSTREAM_STACK } from "../../src/lib/upstream-roles";
import { configuredLevel } from "@platform/config-files/pack-config-file";

export const GENERATED_BEGIN =
  "<!-- BEGIN GENERATED from rule metadata: npx tsx policies/fargate-guard/scripts/rules-md.ts --write -->";
export const GENERATED_END = "<!-- END GENERATED -->";

/** A table cell: pipes escaped, and `<placeholders>` outside code spans escaped so Markdown shows them. */
function cell(text: string): string {
  return text
    .split("`")
    .map((part, index) => (index % 2 === 0 ? part.replace(/</g, "&lt;").replace(/>/g, "&gt;") : part))
    .join("`")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
}

/**
 * The generated part of RULES.md: one table per built-in level (Rule | Cause | Explanation | Fix |
 * Built-in), then this repository's level per environment from config/<env>.json. Rendered from the rules'
 * metadata, so the document cannot drift from the code unnoticed (test/pack/rules-md.test.ts).
 */
export function renderRuleTables(
  allRules: readonly Rule[],
  environments: ReadonlyArray<readonly [string, Record<string, unknown>]>,
): string {
  const rules = allRules.map((rule) => rule.metadata);
  const lines: string[] = [GENERATED_BEGIN];
  for (const [level, title] of [
    ["mandatory", "Mandatory built in"],
    ["advisory", "Advisory built in"],
  ] as const) {
    lines.push("", `## ${title}`, "", "| Rule | Cause | Explanation | Fix | Built-in |", "|---|---|---|---|---|");
    for (const rule of rules.filter((r) => r.enforcementLevel === level)) {
      lines.push(
        `| \`${rule.name}\` | ${cell(rule.cause)} | ${cell(rule.rationale)} | ${cell(rule.fix)} | ${rule.enforcementLevel} |`,
      );
    }
  }
  lines.push("", "## Levels: built in, and this repository's per environment", "");
  lines.push("The built-in level applies wherever no config names the rule; the other columns are this repository's");
  lines.push("`config/<env>.json`.", "");
  lines.push(`| Rule | Built-in | ${environments.map(([env]) => `${env}`).join(" | ")} |`);
  lines.push(`|---|---|${environments.map(() => "---|").join("")}`);
  for (const rule of rules) {
    const levels = environments.map(([, config]) => configuredLevel(config, rule.name) ?? rule.enforcementLevel);
    lines.push(`| \`${rule.name}\` | ${rule.enforcementLevel} | ${levels.join(" | ")} |`);
  }
  lines.push(
    "",
    "## What each rule reads",
    "",
    "| Rule | Description | Resource types | Does not cover | Follows |",
    "|---|---|---|---|---|",
  );
  for (const rule of rules) {
    const types = rule.resourceTypes.map((type) => `\`${type}\``).join(", ");
    lines.push(
      `| \`${rule.name}\` | ${cell(rule.description)} | ${types} | ${cell(rule.notCovered)} | ` +
        `${cell(rule.references.join("; "))} |`,
    );
  }
  lines.push(
    "",
    "## What each rule sees",
    "",
    "What the engine sends the rule in a real `pulumi preview`, a real `pulumi up`, and the offline plan (`npm start`),",
    "which sends the same calls. No call carries a resource the program only reads (a StackReference, a `.get`).",
    "",
    "| Rule | Call | Real preview | Real update | Offline | Other stacks |",
    "|---|---|---|---|---|---|",
  );
  for (const rule of allRules) {
    const sees = "validateStack" in rule ? SEES.stack : SEES.resource;
    const others = rule.metadata.resourceTypes.includes(UPSTREAM_STACK) ? SEES.upstream : "none";
    lines.push(`| \`${rule.name}\` | ${sees.join(" | ")} | ${others} |`);
  }
  lines.push("", GENERATED_END);
  return lines.join("\n");
}

/** The cells of "What each rule sees", by the analyzer call that runs the rule. */
const SEES = {
  resource: [
    "Analyze, per resource",
    "its inputs; a value known only after the update (an ARN to be created) is unknown: not judged, said so",
    "its inputs, known, before the resource is created or changed: a mandatory finding stops it",
    "its inputs under the mocks, whose IDs and ARNs are known fakes",
  ],
  stack: [
    "AnalyzeStack, once",
    "every registered resource's outputs at the end of the preview, unknown where yet to be created",
    "every registered resource's final outputs, after the update: a finding fails it, the change stays",
    "every registered resource's outputs under the mocks",
  ],
  upstream:
    "what the stack read through @platform/contracts, from the `" +
    UPSTREAM_STACK +
    "` component registered with it (its outputs), in all three",
};

/** Replace the generated section of an existing RULES.md. */
export function withGeneratedSection(document: string, generated: string): string {
  const begin = document.indexOf(GENERATED_BEGIN);
  const end = document.indexOf(GENERATED_END);
  if (begin < 0 || end < begin)
    throw new Error(`RULES.md has no generated section (${GENERATED_BEGIN} … ${GENERATED_END})`);
  return document.slice(0, begin) + generated + document.slice(end + GENERATED_END.length);
}

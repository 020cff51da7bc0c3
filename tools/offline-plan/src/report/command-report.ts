// The reports of a whole run: each environment's plan as before, grouped by environment with
// `--env all`, and with `--diff` the changes against the base after it.
import { hasChanges, type StackDiff } from "../diff/plan-diff";
import type { CommandRun, EnvironmentRun } from "../run/run-command";
import { diffLines, diffSummary } from "./diff-lines";
import { jsonDocument } from "./json";
import { markdownReport } from "./markdown";
import { textReport } from "./text";
import { seconds, verdictOf } from "./verdict";

/** The run's verdict is the head's: `--diff` adds no failure of its own. */
export const commandPassed = (run: CommandRun): boolean => run.environments.every((e) => verdictOf(e.head).ok);

const grouped = (run: CommandRun) => run.environments.length > 1;

export function commandText(run: CommandRun): string {
  const out: string[] = [];
  for (const environment of run.environments) {
    if (grouped(run)) out.push(`=== ${environment.head.env} ===`, "");
    out.push(textReport(environment.head).trimEnd());
    if (environment.diff) out.push("", ...diffText(run, environment));
    out.push("");
  }
  if (grouped(run)) {
    const envs = run.environments.map((e) => `${e.head.env} ${verdictOf(e.head).ok ? "passed" : "failed"}`).join(", ");
    out.push(
      `${commandPassed(run) ? "✓" : "✗"} All environments: ${envs} ` +
        `(${seconds(run.totalMs)}, ${run.packsStarted} policy pack process(es))`,
    );
  }
  return out.join("\n") + "\n";
}

function diffText(run: CommandRun, { head, diff }: EnvironmentRun): string[] {
  const out = [`Changes of ${head.env} against ${run.base!.ref} (${run.base!.commit.slice(0, 12)})`];
  if (run.base!.lockfileNote) out.push(`  note: ${run.base!.lockfileNote}`);
  if (diff!.baseError) return [...out, `  ! the base could not be planned: ${diff!.baseError}`];
  for (const stack of diff!.stacks) {
    out.push(`  ${stack.stack}: ${diffSummary(stack)}`, ...diffLines(stack).map((line) => `    ${line}`));
  }
  return out;
}

export function commandJson(run: CommandRun): string {
  const documents = run.environments.map(({ head, diff }) => ({
    ...jsonDocument(head),
    ...(diff && run.base
      ? {
          diff: {
            ref: run.base.ref,
            commit: run.base.commit,
            lockfileNote: run.base.lockfileNote,
            baseError: diff.baseError,
            stacks: diff.stacks,
          },
        }
      : {}),
  }));
  const document = grouped(run) ? { ok: commandPassed(run), env: "all", environments: documents } : documents[0];
  return JSON.stringify(document, null, 2) + "\n";
}

export function commandMarkdown(run: CommandRun): string {
  const out: string[] = [];
  if (grouped(run))
    out.push(
      `# ${commandPassed(run) ? "✅ Offline plan of every environment: passed" : "❌ Offline plan of every environment: failed"}`,
      "",
    );
  for (const environment of run.environments) {
    out.push(markdownReport(environment.head).trimEnd());
    if (environment.diff) out.push("", ...diffMarkdown(run, environment));
    out.push("");
  }
  return out.join("\n") + "\n";
}

const fence = (lines: string[]) => ["```diff", ...lines.map((l) => l.replace(/```/g, "ˋˋˋ")), "```"];

function diffMarkdown(run: CommandRun, { head, diff }: EnvironmentRun): string[] {
  const out = [`### Changes of \`${head.env}\` against \`${run.base!.ref}\` (${run.base!.commit.slice(0, 12)})`, ""];
  if (run.base!.lockfileNote) out.push(`> ${run.base!.lockfileNote}`, "");
  if (diff!.baseError) return [...out, "The base could not be planned:", "", ...fence(diff!.baseError.split("\n"))];
  for (const stack of diff!.stacks) out.push(...stackMarkdown(stack));
  return out;
}

/** A stack with changes is a collapsible section; one without is a single line. */
function stackMarkdown(stack: StackDiff): string[] {
  if (!hasChanges(stack)) return [`- \`${stack.stack}\`: no change`, ""];
  return [
    `<details><summary><code>${stack.stack}</code>: ${diffSummary(stack)}</summary>`,
    "",
    ...fence(diffLines(stack)),
    "",
    "</details>",
    "",
  ];
}

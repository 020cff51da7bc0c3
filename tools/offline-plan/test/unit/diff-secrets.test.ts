// `--diff` shows a token-looking value in no format: a stack file's plain config value (which the config check
// refuses "without repeating it") and a resource property both say that it is not shown, in text, JSON and
// Markdown, whether the value was added, removed or changed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { configChanges } from "../../src/diff/config-diff";
import { unchangedStack } from "../../src/diff/plan-diff";
import { propertyChanges } from "../../src/diff/property-diff";
import { commandJson, commandMarkdown, commandText } from "../../src/report/command-report";
import type { CommandRun } from "../../src/run/run-command";
import { planResult } from "../support/plan-result";

const TOKEN = "github_pat_" + "11DIFFN0TSH0WN0abcdefghijklmnopqrstuvwxyz";
const dir = mkdtempSync(path.join(tmpdir(), "diff-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stackFile(name: string, config: Record<string, unknown>): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ config })); // JSON is YAML
  return file;
}

const plan = planResult([]);

function runWith(diff: ReturnType<typeof unchangedStack>): CommandRun {
  return {
    environments: [{ head: plan, diff: { baseError: null, stacks: [diff] } }],
    base: { ref: "origin/main", commit: "0123456789abcdef", lockfileNote: null },
    packsStarted: 1,
    totalMs: 0,
  };
}

it("shows a token-looking config or property value in no --diff format, and says it is not shown", () => {
  const base = stackFile("base.yaml", { "service:note": "plain", "service:old": TOKEN, "service:list": ["a"] });
  const head = stackFile("head.yaml", { "service:note": TOKEN, "service:new": TOKEN, "service:list": ["a", TOKEN] });
  const containers = (value: string) => JSON.stringify([{ name: "app", environment: [{ name: "T", value }] }]);
  const diff = {
    ...unchangedStack("service/dev"),
    config: configChanges(base, head),
    changed: [
      {
        urn: "urn:pulumi:dev::service::aws:ecs/taskDefinition:TaskDefinition::app",
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name: "app",
        parent: "",
        changes: propertyChanges(
          { containerDefinitions: containers("x"), tags: { a: TOKEN } },
          { containerDefinitions: containers(TOKEN), tags: {} },
        ),
      },
    ],
  };
  expect(diff.config).toHaveLength(4);
  const run = runWith(diff);
  for (const output of [commandText(run), commandJson(run), commandMarkdown(run)]) {
    expect(output).not.toContain(TOKEN.slice(0, 24));
    expect(output).toContain("<looks like a token, not shown>");
  }
  expect(commandText(run)).toContain('~ service:note: "plain" => "<looks like a token, not shown>"');
});

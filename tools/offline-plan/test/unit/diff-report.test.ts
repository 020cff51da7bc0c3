import { unchangedStack as unchanged } from "../../src/diff/plan-diff";
import { commandMarkdown, commandText } from "../../src/report/command-report";
import type { CommandRun } from "../../src/run/run-command";
import { planResult, stackResult } from "../support/plan-result";

const plan = planResult(["networking", "service"].map((project) => stackResult(project)));
const logGroup = {
  urn: "urn:pulumi:dev::service::aws:cloudwatch/logGroup:LogGroup::app",
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "app",
  parent: "",
};
const run: CommandRun = {
  environments: [
    {
      head: plan,
      diff: {
        baseError: null,
        stacks: [
          unchanged("networking/dev"),
          {
            ...unchanged("service/dev"),
            changed: [
              { ...logGroup, changes: [{ path: "retentionInDays", kind: "changed", old: 7, new: 30, secret: false }] },
            ],
          },
        ],
      },
    },
  ],
  base: { ref: "origin/main", commit: "0123456789abcdef", lockfileNote: null },
  packsStarted: 1,
  totalMs: 0,
};

it("gives a stack without changes one Markdown line, and a changed stack a collapsible section", () => {
  const markdown = commandMarkdown(run);
  const changes = markdown.slice(markdown.indexOf("### Changes of `dev` against `origin/main`"));
  expect(changes).toContain("- `networking/dev`: no change\n");
  expect(changes).not.toContain("<code>networking/dev</code>");
  expect(changes).toContain(
    [
      "<details><summary><code>service/dev</code>: 1 to update</summary>",
      "",
      "```diff",
      "~ aws:cloudwatch/logGroup:LogGroup app",
      "    ~ retentionInDays: 7 => 30",
      "```",
      "",
      "</details>",
    ].join("\n"),
  );
});

it("prints the diff as text after the plan, one summary line per stack", () => {
  const text = commandText(run);
  expect(text).toContain(
    "Changes of dev against origin/main (0123456789ab)\n  networking/dev: no change\n  service/dev: 1 to update\n",
  );
});

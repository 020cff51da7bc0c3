// `--env all`: every environment in one run, grouped by environment, with one pack process per
// distinct pack configuration (registry-guard's dev and staging configs are the same; prod has none).
// The run is planned once, in this process, and both reports are rendered from it: what `--json` changes is
// only which renderer prints (src/cli.ts); the spawned command line is proven in readme-commands.integration.test.ts.
import { parsePlanArgs } from "../src/args";
import { commandJson, commandText } from "../src/report/command-report";
import { type CommandRun, runCommand } from "../src/run/run-command";
import { fixturePack, projectArgs, WORKSPACE_ROOT } from "./support/plan-cli";
import { parseAllEnvironmentsJson } from "./support/plan-json";

let text: string;
let json: string;
let run: CommandRun;

beforeAll(async () => {
  const args = [...projectArgs("three-envs"), "--policy-pack", fixturePack("registry-guard"), "--env", "all"];
  run = await runCommand(parsePlanArgs(args), WORKSPACE_ROOT, () => {});
  text = commandText(run);
  json = commandJson(run);
});

it("plans every environment that has a stack file, grouped by environment", () => {
  const headings = text.split("\n").filter((line) => line.startsWith("=== "));
  expect(headings).toEqual(["=== dev ===", "=== staging ===", "=== prod ==="]);
  expect(text).toMatch(/✓ All environments: dev passed, staging passed, prod passed/);
});

it("starts each policy pack once per distinct configuration, not once per environment", () => {
  expect(text).toContain("2 policy pack process(es)");
});

it("gives one JSON document with an entry per environment and each stack's own config", () => {
  const document = parseAllEnvironmentsJson(json);
  expect(document.ok).toBe(true);
  expect(document.env).toBe("all");
  const retention = (env: string) =>
    document.environments.find((e) => e.env === env)!.stacks[0]!.resources.find((r) => r.name === "logs")!.properties
      .retentionInDays;
  expect(["dev", "staging", "prod"].map(retention)).toEqual([7, 7, 365]);
});

it("runs a project's stacks of every environment in one process, each from a fresh copy of the program's modules", () => {
  const outputs = run.environments.map(
    ({ head }) => head.stacks[0]!.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs,
  );
  expect(outputs.map((o) => o.loads)).toEqual([1, 1, 1]);
  expect(new Set(outputs.map((o) => o.processId)).size).toBe(1);
});

// `--env all`: every environment in one run, grouped by environment, with one pack process per
// distinct pack configuration (registry-guard's dev and staging configs are the same; prod has none).
import { fixturePack, planCli, projectArgs, type CliRun } from "./support/plan-cli";
import { parseAllEnvironmentsJson } from "./support/plan-json";

let text: CliRun;
let json: CliRun;

beforeAll(async () => {
  const args = [...projectArgs("three-envs"), "--policy-pack", fixturePack("registry-guard"), "--env", "all"];
  text = await planCli(args);
  json = await planCli([...args, "--json"]);
});

it("plans every environment that has a stack file, grouped by environment", () => {
  expect(text.code).toBe(0);
  const headings = text.stdout.split("\n").filter((line) => line.startsWith("=== "));
  expect(headings).toEqual(["=== dev ===", "=== staging ===", "=== prod ==="]);
  expect(text.stdout).toMatch(/✓ All environments: dev passed, staging passed, prod passed/);
});

it("starts each policy pack once per distinct configuration, not once per environment", () => {
  expect(text.stdout).toContain("2 policy pack process(es)");
});

it("gives one JSON document with an entry per environment and each stack's own config", () => {
  const document = parseAllEnvironmentsJson(json.stdout);
  expect(document.ok).toBe(true);
  expect(document.env).toBe("all");
  const retention = (env: string) =>
    document.environments.find((e) => e.env === env)!.stacks[0]!.resources.find((r) => r.name === "logs")!.properties
      .retentionInDays;
  expect(["dev", "staging", "prod"].map(retention)).toEqual([7, 7, 365]);
});

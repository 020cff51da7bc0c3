// Bad input stops the plan before anything runs, with exit code 2 and a message that says how to fix it.
import { fixturePack, planCli, projectArgs } from "./support/plan-cli";

it("lists the environments that exist when --env names another", async () => {
  const run = await planCli(["--env", "qa"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    "Unknown environment `qa`: no project has Pulumi.qa.yaml. The environments that exist are: dev, prod, staging; " +
      "stacks set up once per repository: repository. Use --env dev|prod|repository|staging.",
  );
  expect(run.stdout).toBe("");
});

it("refuses a --project directory that holds no Pulumi.yaml", async () => {
  const run = await planCli(["--project", fixturePack("registry-guard")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/Pulumi\.yaml does not exist, so this is not a Pulumi project/);
});

it("refuses more --policy-pack-config flags than policy packs, as the CLI does", async () => {
  const run = await planCli([
    ...projectArgs("producer"),
    "--policy-pack-config",
    "a.json",
    "--policy-pack-config",
    "b.json",
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("Got 2 --policy-pack-config for 1 policy pack(s)");
});

it("refuses an unknown option and points at --help", async () => {
  const run = await planCli(["--environment", "dev"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("Unknown option '--environment'");
  expect(run.stderr).toContain("npm start -- --help");
});

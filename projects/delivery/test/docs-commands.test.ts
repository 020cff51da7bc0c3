// docs/delivery-setup.md's commands, as documented: its offline plan runs (in this process, as `npm start` runs it,
// the programs and the pack in their own processes) and passes, showing the acceptance of the delivery stack, and
// its nx target exists as the nx plugin infers it.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parsePlanArgs } from "../../../tools/offline-plan/src/args";
import { commandPassed } from "../../../tools/offline-plan/src/report/command-report";
import { runCommand } from "../../../tools/offline-plan/src/run/run-command";
import type { StackResult } from "../../../tools/offline-plan/src/types";
import { resolveOptions } from "../../../tools/nx-pulumi/src/options";
import { readPulumiProject } from "../../../tools/nx-pulumi/src/pulumi-project";
import { pulumiTargets } from "../../../tools/nx-pulumi/src/targets";

const root = path.resolve(__dirname, "..", "..", "..");
const doc = readFileSync(path.join(root, "docs", "delivery-setup.md"), "utf8");
const commands = (prefix: string) =>
  [...doc.matchAll(/```sh\n([\s\S]*?)```/g), ...doc.matchAll(/`([^`\n]+)`/g)]
    .flatMap((m) => m[1]!.split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line.startsWith(prefix));

let stack: StackResult;
let passed: boolean;
beforeAll(async () => {
  const [plan] = commands("npm start -- ");
  const run = await runCommand(parsePlanArgs(plan!.split(" -- ")[1]!.split(/\s+/)), root, () => {});
  passed = commandPassed(run);
  stack = run.environments[0]!.head.stacks[0]!;
}, 120_000);

const of = (type: string) => stack.resources.filter((r) => r.type === type);

it("plans the delivery stack offline, and the pack passes it", () => {
  expect(commands("npm start -- ")).toEqual(["npm start -- --env repository"]);
  expect([stack.identity.project, stack.identity.stack, stack.error, passed]).toEqual([
    "delivery",
    "repository",
    null,
    true,
  ]);
  expect(stack.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
});

it("shows the OIDC provider and the roles whose trusts pin one environment each", () => {
  expect(of("aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toHaveLength(3);
  const subjects = of("aws:iam/role:Role").map(
    (r) =>
      (
        JSON.parse(r.inputs["assumeRolePolicy"] as string) as {
          Statement: { Condition: Record<string, Record<string, string>> }[];
        }
      ).Statement[0]!.Condition["StringEquals"]!["token.actions.githubusercontent.com:sub"],
  );
  expect(subjects).toHaveLength(9);
  expect(subjects).toContain("repo:acme/platform:environment:prod");
});

it("shows each GitHub environment with its branch policy, and Pulumi Cloud's policies", () => {
  const environments = of("github:index/repositoryEnvironment:RepositoryEnvironment").map(
    (r) => r.inputs["environment"],
  );
  const policies = of("github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy");
  expect(policies.map((p) => [p.inputs["environment"], p.inputs["branchPattern"]])).toEqual(
    environments.map((e) => [e, "main"]),
  );
  const issuer = of("pulumiservice:index:OidcIssuer")[0]!.inputs as { policies: unknown[] };
  expect(issuer.policies).toHaveLength(9);
});

it("documents an nx target the plugin gives the delivery project", () => {
  const project = readPulumiProject(root, "projects/delivery/Pulumi.yaml", resolveOptions(undefined).environments);
  const targets = pulumiTargets(project, {
    options: resolveOptions(undefined),
    orgs: {},
    upstreamRoots: [],
    productionInput: "production",
  });
  const documented = commands("npx nx run ");
  expect(documented).toEqual(["npx nx run delivery:up:repository"]);
  for (const command of documented) {
    const [, target, configuration] = command.split(" ")[3]!.split(":");
    expect([
      command,
      (targets[target!]?.configurations?.[configuration!] as { command?: string } | undefined)?.command,
    ]).toEqual([command, expect.stringContaining("pulumi up")]);
  }
});

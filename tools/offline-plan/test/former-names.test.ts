// projects/service was deployed when a service's resources sat at its stack's top level, named app-<env>. Its
// stack files name that former name, so the component's children carry aliases of those URNs, as the engine
// computes them: each deployed resource is moved under the component, none is deleted or replaced. The whole
// upgrade, `--diff` against the commit before the component, is in the root README.
import * as path from "node:path";
import { physicalName } from "@platform/aws-mocks";
import { readStackConfig } from "@platform/config-files";
import { ENVIRONMENTS } from "@platform/config/environments";
import { parsePlanArgs } from "../src/args";
import { runCommand } from "../src/run/run-command";
import type { StackResult } from "../src/types";
import { WORKSPACE_ROOT } from "./support/plan-cli";

const projectDir = (name: string) => path.join(WORKSPACE_ROOT, "projects", name);

/**
 * Every resource the service's dev stack registered before services were components, but its default providers:
 * those are named after the SDK release and change with any upgrade, which the engine handles by itself.
 */
const DEPLOYED = [
  "pulumi:pulumi:Stack::service-dev",
  "aws:ecs/cluster:Cluster::app-dev",
  "aws:cloudwatch/logGroup:LogGroup::app-dev",
  "aws:iam/role:Role::app-dev-task",
  "awsx:ecs:FargateService::app-dev",
  "aws:appautoscaling/target:Target::app-dev-scaling",
  "aws:appautoscaling/policy:Policy::app-dev-scaling-cpu",
].map((typeAndName) => `urn:pulumi:dev::service::${typeAndName}`);

let service: StackResult;
beforeAll(async () => {
  const projects = ["networking", "registry-access", "service"].flatMap((p) => ["--project", projectDir(p)]);
  const run = await runCommand(parsePlanArgs(["--env", "dev", ...projects]), WORKSPACE_ROOT, () => {});
  service = run.environments[0]!.head.stacks.find((s) => s.identity.project === "service")!;
});

it("matches every resource of the deployed service stack, by its URN or an alias", () => {
  expect(service.error).toBeNull();
  const matched = new Set(service.resources.flatMap((r) => [r.urn, ...r.options.aliases]));
  expect(DEPLOYED.filter((urn) => !matched.has(urn))).toEqual([]);
});

it("keeps the AWS names it was deployed with: the log group's, with its logs, and every auto-name", () => {
  const outputsOf = (type: string) => service.resources.find((r) => r.type === type)?.outputs ?? {};
  expect(outputsOf("aws:cloudwatch/logGroup:LogGroup")["name"]).toBe("/ecs/app-dev");
  // The provider keeps a moved resource's auto-name; the mocks name it as they named it before the move.
  const cluster = "aws:ecs/cluster:Cluster";
  expect(outputsOf(cluster)["name"]).toBe(physicalName("app-dev", `${cluster}::app-dev`));
  expect(outputsOf("aws:iam/role:Role")["name"]).toBe(physicalName("app-dev-task", "aws:iam/role:Role::app-dev-task"));
});

it("moves only what existed then: the target group and the listener rule are new", () => {
  // The SDK adds aliases of its own (a type's former token, aws:elasticloadbalancingv2 for aws:lb), under the
  // same parent; a former top-level resource has no parent type in its URN.
  const topLevel = (urn: string) => !urn.split("::")[2]!.includes("$");
  const aliased = service.resources.filter((r) => r.options.aliases.some(topLevel)).map((r) => r.type);
  expect(aliased.sort()).toEqual(
    [
      "aws:appautoscaling/policy:Policy",
      "aws:appautoscaling/target:Target",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:ecs/cluster:Cluster",
      "aws:iam/role:Role",
      "awsx:ecs:FargateService",
    ].sort(),
  );
});

it("names the former name in every environment's stack file of the service", () => {
  const formerNames = ENVIRONMENTS.map(
    (env) => readStackConfig(projectDir("service"), env).values["service:formerName"],
  );
  expect(formerNames).toEqual(ENVIRONMENTS.map((env) => `app-${env}`));
});

// projects/service was deployed when a service's resources sat at its stack's top level, named app-<env>. The
// upgrade, `--diff` against the commit before the component (the root README), planned here in every environment:
// each deployed resource the program registers itself moves under the component by an alias, as the engine computes
// it; awsx's FargateService, whose children no alias reaches (libs/service-component/src/former-names.ts), stays
// where it was, so the ECS service, its task family and its count are kept; the cut-over's first step adds the
// service's own target group beside the former one (docs/upgrade.md).
// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { physicalName } from "@platform/aws-mocks";
import { readStackConfig } from "@platform/config-files";
import { ENVIRONMENTS } from "@platform/config/environments";
import { scratchWorkspace } from "@platform/testing";
import { parsePlanArgs } from "../src/args";
import { diffPlans, type StackDiff } from "../src/diff/plan-diff";
import { diffLines } from "../src/report/diff-lines";
import { runCommand, type CommandRun } from "../src/run/run-command";
import type { StackResult } from "../src/types";
import { WORKSPACE_ROOT } from "./support/plan-cli";

/** The last commit before services were components: what the service stacks were deployed from. */
const BEFORE_THE_COMPONENT = "2c440fd";
const FARGATE = "awsx:ecs:FargateService";
const projectDir = (name: string, root = WORKSPACE_ROOT) => path.join(root, "projects", name);
/**
 * The stacks of the upgrade, checked by a small pack: what is asserted here is the diff, and fargate-guard's verdict
 * on these stacks is the plan's own test (`npm start -- --env all`); one process of it serves all environments.
 */
const projectArgs = (root: string) => [
  ...["networking", "registry-access", "service"].flatMap((p) => ["--project", projectDir(p, root)]),
  ...["--policy-pack", path.join(root, "tools/offline-plan/test/fixtures/packs/registry-guard")],
];

/**
 * A copy of this workspace with the former target group's key removed from dev's and prod's stack files: the second
 * step, rolling in dev and the move to blue/green in prod (docs/deployments.md).
 */
function secondStepWorkspace(): string {
  const root = scratchWorkspace("cut-over-");
  for (const env of ["dev", "prod"]) {
    const stackFile = path.join(projectDir("service", root), `Pulumi.${env}.yaml`);
    const doc = parseDocument(readFileSync(stackFile, "utf8"));
    doc.deleteIn(["config", "service:formerTargetGroupArn"]);
    writeFileSync(stackFile, doc.toString());
  }
  return root;
}

let run: CommandRun;
let secondStep: CommandRun;
let secondStepProd: CommandRun;
beforeAll(async () => {
  const argv = ["--env", "all", "--diff", BEFORE_THE_COMPONENT, ...projectArgs(WORKSPACE_ROOT)];
  const root = secondStepWorkspace();
  const secondStepIn = (env: string) => runCommand(parsePlanArgs(["--env", env, ...projectArgs(root)]), root, () => {});
  [run, secondStep, secondStepProd] = await Promise.all([
    runCommand(parsePlanArgs(argv), WORKSPACE_ROOT, () => {}),
    secondStepIn("dev"),
    secondStepIn("prod"),
  ]);
});

const at = (env: string) => run.environments.find((e) => e.head.env === env)!;
const service = (env: string): StackResult => at(env).head.stacks.find((s) => s.identity.project === "service")!;
const serviceDiff = (env: string): StackDiff => at(env).diff!.stacks.find((d) => d.stack === `service/${env}`)!;

describe.each(ENVIRONMENTS)("the upgrade of service/%s", (env) => {
  it("plans both sides and deletes or replaces nothing the service stack had", () => {
    expect(at(env).diff!.baseError).toBeNull();
    expect(service(env).error).toBeNull();
    const diff = serviceDiff(env);
    expect(diff.status).toBe("compared");
    expect({ removed: diff.removed, replaced: diff.replaced }).toEqual({ removed: [], replaced: [] });
    // New with the component: the component itself, the target group and rule networking used to own, the two
    // alarms that roll a deployment back, and the two upstream stacks' outputs as the pack sees them (a
    // StackReference never reaches a pack).
    expect(diff.added.map((r) => r.type).sort()).toEqual(
      [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:lb/listenerRule:ListenerRule",
        "aws:lb/targetGroup:TargetGroup",
        "platform:contracts:UpstreamStack",
        "platform:contracts:UpstreamStack",
        "platform:service:Service",
      ].sort(),
    );
  });

  it("keeps awsx's FargateService at its URN: the ECS service, its name, its task family and its count", () => {
    const fargate = serviceDiff(env).changed.find((r) => r.type === FARGATE)!;
    expect(fargate.urn).toBe(`urn:pulumi:${env}::service::${FARGATE}::app-${env}`);
    expect(fargate.formerUrn).toBeUndefined();
    // The tasks also register with the service's own group, run hardened (a new task definition revision) and are
    // watched by the alarms; where registry-access now pulls the image's registry through ECR's cache, the image
    // moves to the account's ECR and needs no credentials. Nothing its children make changes
    // (`outputs.service.name`, `outputs.taskDefinition.family`), and neither does `desiredCount`.
    const throughCache = readFileSync(
      path.join(WORKSPACE_ROOT, "projects", "registry-access", `Pulumi.${env}.yaml`),
      "utf8",
    ).includes("pullThroughCache: true");
    expect(fargate.changes.map((c) => [c.kind, c.path]).sort()).toEqual(
      [
        ["added", "loadBalancers[1]"],
        ["added", "alarms"],
        ["added", "taskDefinitionArgs.container.mountPoints"],
        ["added", "taskDefinitionArgs.container.readonlyRootFilesystem"],
        ["added", "taskDefinitionArgs.container.user"],
        ["added", "taskDefinitionArgs.volumes"],
        ...(throughCache
          ? [
              ["changed", "taskDefinitionArgs.container.image"],
              ["removed", "taskDefinitionArgs.container.repositoryCredentials"],
            ]
          : []),
      ].sort(),
    );
  });

  it("moves the autoscaling target and policy, the cluster, the log group and the task role by alias, unchanged", () => {
    const moved = serviceDiff(env).changed.filter((r) => r.formerUrn);
    expect(moved.map((r) => [r.type, r.changes]).sort()).toEqual(
      [
        ["aws:appautoscaling/policy:Policy", []],
        ["aws:appautoscaling/target:Target", []],
        ["aws:cloudwatch/logGroup:LogGroup", []],
        ["aws:ecs/cluster:Cluster", []],
        ["aws:iam/role:Role", []],
      ].sort(),
    );
    expect(moved.every((r) => !r.formerUrn!.split("::")[2]!.includes("$"))).toBe(true);
  });

  it("keeps the AWS names it was deployed with: the log group's, with its logs, and every auto-name", () => {
    const outputsOf = (type: string) => service(env).resources.find((r) => r.type === type)?.outputs ?? {};
    expect(outputsOf("aws:cloudwatch/logGroup:LogGroup")["name"]).toBe(`/ecs/app-${env}`);
    // The provider keeps a moved resource's auto-name; the mocks name it as they named it before the move.
    const cluster = "aws:ecs/cluster:Cluster";
    expect(outputsOf(cluster)["name"]).toBe(physicalName(`app-${env}`, `${cluster}::app-${env}`));
    const role = "aws:iam/role:Role";
    expect(outputsOf(role)["name"]).toBe(physicalName(`app-${env}-task`, `${role}::app-${env}-task`));
  });

  it("keeps the former target group in the rule and the service until the second step", () => {
    const networkingBefore = at(env).diff!.stacks.find((d) => d.stack === `networking/${env}`)!;
    const formerGroup = networkingBefore.outputs.find((c) => c.path === "targetGroupArn")!.old;
    expect(readStackConfig(projectDir("service"), env).values["service:formerTargetGroupArn"]).toBe(formerGroup);
    const rule = service(env).resources.find((r) => r.type === "aws:lb/listenerRule:ListenerRule")!;
    expect(rule.inputs["actions"]).toEqual([
      {
        type: "forward",
        forward: {
          targetGroups: [
            { arn: formerGroup, weight: 100 },
            { arn: expect.stringContaining(`:targetgroup/service-${env}-`), weight: 0 },
          ],
        },
      },
    ]);
  });
});

it("shows the cut-over's second step as `--diff` against the first: the rule and the tasks switch to the own group", () => {
  // What `--diff` computes from the first step's plan and the second's.
  const diff = diffPlans(at("dev").head, secondStep.environments[0]!.head).find((d) => d.stack === "service/dev")!;
  const [former, own] = (
    service("dev").resources.find((r) => r.type === "aws:lb/listenerRule:ListenerRule")!.inputs["actions"] as {
      forward: { targetGroups: { arn: string; weight: number }[] };
    }[]
  )[0]!.forward.targetGroups;
  expect(diffLines(diff)).toEqual([
    "~ aws:lb/listenerRule:ListenerRule service-dev",
    `    - actions[0].forward: ${JSON.stringify({ targetGroups: [former, own] })}`,
    `    + actions[0].targetGroupArn: "${own!.arn}"`,
    `~ ${FARGATE} app-dev`,
    `    ~ loadBalancers[0].targetGroupArn: "${former!.arn}" => "${own!.arn}"`,
    `    - loadBalancers[1]: ${JSON.stringify({ containerName: "app", containerPort: 8098, targetGroupArn: own!.arn })}`,
    "~ Config",
    `    - service:formerTargetGroupArn: "${former!.arn}"`,
  ]);
});

it("moves prod to blue/green in the cut-over's second step, replacing nothing: a second group, the traffic role, the rule on both", () => {
  // prod's profile deploys blue/green, which waits for this step (ServiceConfig `deployment`).
  const diff = diffPlans(at("prod").head, secondStepProd.environments[0]!.head).find(
    (d) => d.stack === "service/prod",
  )!;
  expect({ removed: diff.removed, replaced: diff.replaced }).toEqual({ removed: [], replaced: [] });
  expect(diff.added.map((r) => r.type).sort()).toEqual(
    ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:lb/targetGroup:TargetGroup"].sort(),
  );
  // The rule keeps its weights (100, 0) by position: the own group, which holds the tasks of the first step, takes
  // the former one's 100, and the new alternate group its 0. The alarms now watch both groups.
  expect(diff.changed.map((r) => [r.type, r.changes.map((c) => `${c.kind} ${c.path}`).sort()])).toEqual([
    [
      "aws:lb/listenerRule:ListenerRule",
      ["changed actions[0].forward.targetGroups[0].arn", "changed actions[0].forward.targetGroups[1].arn"],
    ],
    ...["5xx", "unhealthy-hosts"].map(() => [
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      [
        "added metricQueries",
        "removed dimensions",
        "removed metricName",
        "removed namespace",
        "removed period",
        "removed statistic",
      ],
    ]),
    [
      FARGATE,
      [
        "added deploymentConfiguration",
        "added loadBalancers[0].advancedConfiguration",
        "changed loadBalancers[0].targetGroupArn",
        "removed loadBalancers[1]",
      ],
    ],
  ]);
  const fargate = secondStepProd.environments[0]!.head.stacks.find(
    (s) => s.identity.project === "service",
  )!.resources.find((r) => r.type === FARGATE)!;
  expect(fargate.inputs["deploymentConfiguration"]).toEqual({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "15" });
});

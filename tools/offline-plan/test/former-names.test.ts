// projects/service was deployed when a service's resources sat at its stack's top level, named app-<env>. The
// upgrade, `--diff` against the commit before the component (the root README), planned here in every environment:
// each deployed resource the program registers itself moves under the component by an alias, as the engine computes
// it; awsx's FargateService, whose children no alias reaches (libs/service-component/src/former-names.ts), stays
// where it was, so the ECS service, its task family and its count are kept; the cut-over's first step adds the
// service's own target group beside the former one (docs/upgrade.md).
// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import * as path from "node:path";
import { physicalName } from "@platform/aws-mocks";
import { readStackConfig } from "@platform/config-files";
import { ENVIRONMENTS } from "@platform/config/environments";
import { parsePlanArgs } from "../src/args";
import type { StackDiff } from "../src/diff/plan-diff";
import { runCommand, type CommandRun } from "../src/run/run-command";
import type { StackResult } from "../src/types";
import { WORKSPACE_ROOT } from "./support/plan-cli";

/** The last commit before services were components: what the service stacks were deployed from. */
const BEFORE_THE_COMPONENT = "2c440fd";
const FARGATE = "awsx:ecs:FargateService";
const projectDir = (name: string) => path.join(WORKSPACE_ROOT, "projects", name);

let run: CommandRun;
beforeAll(async () => {
  const projects = ["networking", "registry-access", "service"].flatMap((p) => ["--project", projectDir(p)]);
  const argv = ["--env", "all", "--diff", BEFORE_THE_COMPONENT, ...projects];
  run = await runCommand(parsePlanArgs(argv), WORKSPACE_ROOT, () => {});
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
    // New with the component: the component itself, and the target group and rule networking used to own.
    expect(diff.added.map((r) => r.type).sort()).toEqual(
      ["aws:lb/listenerRule:ListenerRule", "aws:lb/targetGroup:TargetGroup", "platform:service:Service"].sort(),
    );
  });

  it("keeps awsx's FargateService at its URN: the ECS service, its name, its task family and its count", () => {
    const fargate = serviceDiff(env).changed.find((r) => r.type === FARGATE)!;
    expect(fargate.urn).toBe(`urn:pulumi:${env}::service::${FARGATE}::app-${env}`);
    expect(fargate.formerUrn).toBeUndefined();
    // The one change: the tasks also register with the service's own group. Nothing its children make changes
    // (`outputs.service.name`, `outputs.taskDefinition.family`), and neither does `desiredCount`.
    expect(fargate.changes.map((c) => [c.kind, c.path])).toEqual([["added", "loadBalancers[1]"]]);
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

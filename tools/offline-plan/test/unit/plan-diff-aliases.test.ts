// A resource that moves under a component keeps its state when it carries an alias of its former URN: the
// diff matches it as the engine does, instead of deleting the old resource and creating a new one.
import { diffPlans, PACKAGED_ALIAS } from "../../src/diff/plan-diff";
import { diffLines, diffSummary } from "../../src/report/diff-lines";
import { type CapturedResource, defaultOptions, type PlanResult, type Violation } from "../../src/types";
import { planResult, stackResult } from "../support/plan-result";

const STACK = "urn:pulumi:dev::service::";
const COMPONENT = `${STACK}platform:service:Service::service-dev`;

function resource(urn: string, inputs: Record<string, unknown>, aliases: string[] = []): CapturedResource {
  const [qualifiedType, name] = urn.slice(STACK.length).split("::") as [string, string];
  return {
    urn,
    type: qualifiedType.split("$").pop()!,
    name,
    operation: "register",
    custom: true,
    remote: false,
    parent: qualifiedType.includes("$") ? COMPONENT : "",
    provider: "",
    packageVersion: "7.48.0",
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: { ...defaultOptions(), aliases },
  };
}

const plan = (resources: CapturedResource[]): PlanResult => planResult([stackResult("service", { resources })]);

const oldCluster = `${STACK}aws:ecs/cluster:Cluster::app-dev`;
const oldLogGroup = `${STACK}aws:cloudwatch/logGroup:LogGroup::app-dev`;
const base = plan([
  resource(oldCluster, { settings: [] }),
  resource(oldLogGroup, { name: "/ecs/app-dev", retentionInDays: 7 }),
  resource(`${STACK}aws:iam/role:Role::app-dev-task`, {}),
]);
const head = plan([
  resource(COMPONENT, {}),
  resource(`${STACK}platform:service:Service$aws:ecs/cluster:Cluster::service-dev`, { settings: [] }, [oldCluster]),
  resource(
    `${STACK}platform:service:Service$aws:cloudwatch/logGroup:LogGroup::service-dev`,
    { name: "/ecs/app-dev", retentionInDays: 30 },
    [oldLogGroup],
  ),
  resource(`${STACK}platform:service:Service$aws:iam/role:Role::service-dev-task`, {}),
]);

it("matches a resource to the base resource its alias names: moved, not deleted and created", () => {
  const [diff] = diffPlans(base, head);
  expect({
    added: diff!.added.map((r) => r.name),
    removed: diff!.removed.map((r) => r.name),
    changed: diff!.changed.map((r) => [r.name, r.formerUrn, r.changes.map((c) => c.path)]),
  }).toEqual({
    added: ["service-dev", "service-dev-task"],
    removed: ["app-dev-task"],
    changed: [
      ["service-dev", oldCluster, []],
      ["service-dev", oldLogGroup, ["retentionInDays"]],
    ],
  });
});

it("shows a moved resource with its former name, and counts moves apart from updates", () => {
  const [diff] = diffPlans(base, head);
  expect(diffSummary(diff!)).toBe("2 to create, 1 to update, 2 moved by alias, 1 to delete");
  expect(diffLines(diff!)).toEqual([
    "+ platform:service:Service service-dev",
    "+ aws:iam/role:Role service-dev-task",
    "- aws:iam/role:Role app-dev-task",
    "= aws:ecs/cluster:Cluster service-dev (moved by alias from app-dev)",
    "~ aws:cloudwatch/logGroup:LogGroup service-dev (moved by alias from app-dev)",
    "    ~ retentionInDays: 7 => 30",
  ]);
});

it("compares a moved resource's findings under its new URN: the same finding is neither introduced nor fixed", () => {
  const finding = (urn: string, message: string): Violation => ({
    policyPack: "fargate-guard",
    policyPackVersion: "1.0.0",
    description: "",
    policyName: "container-insights",
    enforcementLevel: "advisory",
    urn,
    message,
  });
  const newCluster = head.stacks[0]!.resources[1]!.urn;
  const withFindings = (p: PlanResult, violations: Violation[]): PlanResult => ({
    ...p,
    stacks: [{ ...p.stacks[0]!, violations }],
  });
  const [diff] = diffPlans(
    withFindings(base, [finding(oldCluster, "same"), finding(oldCluster, "old only")]),
    withFindings(head, [finding(newCluster, "same"), finding(newCluster, "new only")]),
  );
  expect(diff!.violations.introduced.map((v) => v.message)).toEqual(["new only"]);
  expect(diff!.violations.fixed.map((v) => v.message)).toEqual(["old only"]);
});

describe("a packaged component (awsx's FargateService), whose plugin registers it and its children", () => {
  const FARGATE = "awsx:ecs:FargateService";
  const fargate = (urn: string, made: Record<string, unknown>, aliases: string[] = []): CapturedResource => ({
    ...resource(urn, { desiredCount: 1 }, aliases),
    custom: false,
    remote: true,
    outputs: { desiredCount: 1, ...made },
  });
  const deployed = `${STACK}${FARGATE}::app-dev`;
  const before = plan([fargate(deployed, { service: { name: "app-dev-1a2b3c4" } })]);

  it("is replaced, not moved, when only an alias names the deployed one: the alias never reaches its plugin", () => {
    const moved = `${STACK}platform:service:Service$${FARGATE}::service-dev`;
    const [diff] = diffPlans(before, plan([fargate(moved, { service: { name: "service-dev-5d6e7f8" } }, [deployed])]));
    expect({ added: diff!.added, removed: diff!.removed, changed: diff!.changed }).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
    expect(diffSummary(diff!)).toBe("1 to replace");
    expect(diffLines(diff!)).toEqual([`+- ${FARGATE} service-dev (replace: was app-dev, ${PACKAGED_ALIAS})`]);
  });

  it("keeps its children where it keeps its URN, and shows what they make that changes", () => {
    const [kept] = diffPlans(before, plan([fargate(deployed, { service: { name: "app-dev-1a2b3c4" } })]));
    expect(diffSummary(kept!)).toBe("no change");
    const [renamed] = diffPlans(before, plan([fargate(deployed, { service: { name: "app-dev-9f9f9f9" } })]));
    expect(diffLines(renamed!)).toEqual([
      `~ ${FARGATE} app-dev`,
      '    ~ outputs.service.name: "app-dev-1a2b3c4" => "app-dev-9f9f9f9"',
    ]);
  });
});

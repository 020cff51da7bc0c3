// The verdict line counts mandatory checks that were not judged apart from violations, and never reads "passed"
// while one is left.
import { verdictLine } from "../../src/report/text";
import type { PlanResult, StackResult, Violation } from "../../src/types";

const violation = (message: string, enforcementLevel: Violation["enforcementLevel"] = "mandatory"): Violation => ({
  policyPack: "fargate-guard",
  policyPackVersion: "0.1.0",
  policyName: "private-image-credentials",
  description: "Checks that …",
  enforcementLevel,
  urn: "urn:pulumi:example::app::aws:ecs/taskDefinition:TaskDefinition::app",
  message: `Checks that …\n${message}`,
});

const planOf = (violations: Violation[]): PlanResult => ({
  env: "example",
  warnings: [],
  stacks: [{ identity: { project: "app" }, resources: [], violations, error: null } as unknown as StackResult],
  packs: [],
  timings: { totalMs: 1000, programsMs: 0, packsReadyMs: 0, analysisMs: 0, policyTailMs: 0 },
});

const notJudged = "Not judged: `containerDefinitions` is built from values this preview does not know.";

it("counts mandatory checks not judged apart from the violations", () => {
  const line = verdictLine(planOf([violation(notJudged), violation(notJudged), violation("Container `app` pulls …")]));
  expect(line).toBe(
    "✗ Plan of example failed: 1 mandatory policy violation, 2 mandatory checks not judged " +
      "(1 stack, 0 resources, 0 advisory violations, 1.0s)",
  );
});

it("fails a plan whose only finding is a mandatory check not judged", () => {
  expect(verdictLine(planOf([violation(notJudged)]))).toMatch(
    /^✗ Plan of example failed: 1 mandatory check not judged \(/,
  );
});

it("passes a plan whose only unjudged check is advisory, and counts it as advisory", () => {
  expect(verdictLine(planOf([violation(notJudged, "advisory")]))).toMatch(/^✓ .*1 advisory violation/);
});

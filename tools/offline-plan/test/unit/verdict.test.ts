import type { EnforcementLevel } from "@platform/policy-analyzer";
import { commandPassed } from "../../src/report/command-report";
import { jsonDocument } from "../../src/report/json";
import { markdownReport } from "../../src/report/markdown";
import { verdictLine } from "../../src/report/text";
import type { CommandRun } from "../../src/run/run-command";
import type { PlanResult } from "../../src/types";
import { planResult, stackResult } from "../support/plan-result";

// A plan whose one stack has one violation at `level`, and the whole run of it.
function planWith(level: EnforcementLevel): PlanResult {
  const violation = {
    policyPack: "fargate-guard",
    policyPackVersion: "0.1.0",
    policyName: "private-image-credentials",
    description: "Checks that private images carry credentials.",
    enforcementLevel: level,
    urn: "urn:pulumi:dev::service::aws:ecs/taskDefinition:TaskDefinition::app",
    message: "Checks that private images carry credentials.\nContainer `app` pulls without credentials.",
  };
  return planResult([stackResult("service", { violations: [violation] })]);
}
const runOf = (plan: PlanResult): CommandRun => ({
  environments: [{ head: plan }],
  packsStarted: 1,
  totalMs: 0,
});

describe("the plan's verdict on a violation's level", () => {
  // The engine enforces `remediate` as `mandatory` when a policy has no remediation to apply.
  it.each(["mandatory", "remediate"] as const)(
    "fails the plan on a %s violation: the verdict line, the exit status, JSON's ok and Markdown's Mandatory column",
    (level) => {
      const plan = planWith(level);
      expect(verdictLine(plan)).toBe(
        "✗ Plan of dev failed: 1 mandatory policy violation (1 stack, 0 resources, 0 advisory violations, 0.0s)",
      );
      expect(commandPassed(runOf(plan))).toBe(false);
      expect(jsonDocument(plan).ok).toBe(false);
      expect(markdownReport(plan)).toContain("| `service/dev` | 0 | 0 | 1 | 0 | ✅ |");
    },
  );

  it("passes the plan on an advisory violation and counts it as advisory", () => {
    const plan = planWith("advisory");
    expect(verdictLine(plan)).toBe(
      "✓ Plan of dev passed: no mandatory violation (1 stack, 0 resources, 1 advisory violation, 0.0s)",
    );
    expect(commandPassed(runOf(plan))).toBe(true);
    expect(jsonDocument(plan).ok).toBe(true);
    expect(markdownReport(plan)).toContain("| `service/dev` | 0 | 0 | 0 | 1 | ✅ |");
  });
});

import type { EnforcementLevel } from "@platform/policy-analyzer";
import { commandPassed } from "../../src/report/command-report";
import { jsonDocument } from "../../src/report/json";
import { markdownReport } from "../../src/report/markdown";
import { textReport, verdictLine } from "../../src/report/text";
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

describe("the plan's verdict on errors", () => {
  const pack = {
    dir: "/repo/policies/fargate-guard",
    name: "fargate-guard",
    version: "0.1.0",
    lowered: [],
    skipped: [],
  };
  const resource = (name: string) =>
    ({
      urn: `urn:pulumi:dev::service::aws:s3/bucket:Bucket::${name}`,
      name,
    }) as PlanResult["stacks"][0]["resources"][0];

  it("fails on a program error and on a pack error, counting each, and the resources of every stack", () => {
    const plan: PlanResult = {
      ...planResult([
        stackResult("networking", { resources: [resource("a"), resource("b")] }),
        stackResult("service", { resources: [resource("c")], error: "TypeError: boom" }),
      ]),
      packs: [
        { ...pack, error: null, output: "" },
        { ...pack, name: "other", error: "exited with code 1", output: "" },
      ],
      timings: { totalMs: 1540, programsMs: 0, packsReadyMs: 0, analysisMs: 0, policyTailMs: 0 },
    };
    expect(verdictLine(plan)).toBe(
      "✗ Plan of dev failed: 1 program error, 1 policy pack error (2 stacks, 3 resources, 0 advisory violations, 1.5s)",
    );
    expect(commandPassed(runOf(plan))).toBe(false);
  });

  it("counts errors of several stacks and packs in the plural, and passes a plan of one resource without one", () => {
    const failing: PlanResult = {
      ...planResult(["a", "b"].map((project) => stackResult(project, { error: "failed" }))),
      packs: ["ok", "x", "y"].map((name) => ({ ...pack, name, error: name === "ok" ? null : "failed", output: "" })),
    };
    expect(verdictLine(failing)).toMatch(
      /^✗ Plan of dev failed: 2 program errors, 2 policy pack errors \(2 stacks, 0 resources,/,
    );
    const passing = planResult([stackResult("a", { resources: [resource("only")] })]);
    expect(verdictLine(passing)).toBe(
      "✓ Plan of dev passed: no mandatory violation (1 stack, 1 resource, 0 advisory violations, 0.0s)",
    );
  });
});

describe("where the text report says a violation is", () => {
  const violationAt = (urn: string) => {
    const plan = planWith("mandatory");
    return textReport({
      ...plan,
      stacks: [{ ...plan.stacks[0]!, violations: [{ ...plan.stacks[0]!.violations[0]!, urn }] }],
    });
  };

  it("names the resource's own type, not its parents', and its whole name", () => {
    const urn =
      "urn:pulumi:dev::service::platform:service:Service$awsx:ecs:FargateService$aws:ecs/service:Service::svc::dev";
    expect(violationAt(urn)).toContain("      service/dev  aws:ecs/service:Service svc::dev\n");
  });

  it("names a top-level resource by its type and name", () => {
    expect(violationAt("urn:pulumi:dev::service::aws:ecs/taskDefinition:TaskDefinition::app")).toContain(
      "      service/dev  aws:ecs/taskDefinition:TaskDefinition app\n",
    );
  });

  it("says a stack-wide violation is about the whole stack", () => {
    expect(violationAt("")).toContain("      service/dev  (whole stack)\n");
  });

  it("shows a URN it cannot read as it is", () => {
    expect(violationAt("not-a-urn")).toContain("      service/dev   not-a-urn\n");
  });
});

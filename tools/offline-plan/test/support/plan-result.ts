// Plans built by hand for the report and diff unit tests: only what a test sets differs from an empty run.
import type { PlanResult, StackResult } from "../../src/types";

/** A stack of project `project` in dev that ran, declared nothing and was found clean, with `fields` set. */
export const stackResult = (project: string, fields: Partial<StackResult> = {}): StackResult => ({
  identity: { organization: "organization", project, stack: "dev", organizationConfigured: false },
  projectDir: `/repo/projects/${project}`,
  stackFile: null,
  resources: [],
  violations: [],
  error: null,
  output: "",
  durationMs: 0,
  ...fields,
});

/** The plan of dev holding `stacks`, with no pack and no time spent. */
export const planResult = (stacks: StackResult[]): PlanResult => ({
  env: "dev",
  warnings: [],
  stacks,
  packs: [],
  timings: { totalMs: 0, programsMs: 0, packsReadyMs: 0, analysisMs: 0, policyTailMs: 0 },
});

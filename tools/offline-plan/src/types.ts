import type { LoweredPolicy, SkippedResource } from "@platform/config-files/waiver-report";
import type { Diagnostic } from "@platform/policy-analyzer";
import type { ProgramJob } from "./child/program-child";
// Shapes shared by the plan's parent process, the program processes and the reports.

/** A value as the Pulumi gRPC protocol carries it: JSON with signature objects for secrets and resources. */
export type WireValue = unknown;
export type WireObject = Record<string, WireValue>;

/** The resource options the engine forwards to analyzers (pulumirpc.AnalyzerResourceOptions). */
export interface CapturedOptions {
  protect: boolean;
  ignoreChanges: string[];
  /** `undefined` when the program did not set it, as the engine distinguishes "unset" from `false`. */
  deleteBeforeReplace: boolean | undefined;
  additionalSecretOutputs: string[];
  aliases: string[];
  customTimeouts: { create: string; update: string; delete: string };
}

/** One resource the program registered or read, as the engine would have seen it. */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  /** `register` is a resource the preview would create; `read` is a data read such as a StackReference. */
  operation: "register" | "read";
  custom: boolean;
  remote: boolean;
  parent: string;
  /** Provider reference `<urn>::<id>`, empty when the default provider applies. */
  provider: string;
  /** Version of the SDK package that registered the resource; names the default provider. */
  packageVersion: string;
  inputs: WireObject;
  outputs: WireObject;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  options: CapturedOptions;
}

/** Identity of one stack in the run. */
export interface StackIdentity {
  organization: string;
  project: string;
  stack: string;
  /** Whether the organization came from `<project>:org` config rather than the default. */
  organizationConfigured: boolean;
}

export const fullyQualifiedName = (id: StackIdentity): string => `${id.organization}/${id.project}/${id.stack}`;

// Messages between the plan and a program process (over the Node IPC channel).
export type ChildMessage =
  | { kind: "resource"; resource: CapturedResource }
  | { kind: "outputs"; urn: string; outputs: WireObject }
  | { kind: "stack-reference"; requestId: number; name: string }
  | { kind: "done"; errors: string[]; reusable: boolean };

export type ParentMessage =
  | { kind: "stack-reference-result"; requestId: number; outputs: WireObject }
  | { kind: "stack-reference-error"; requestId: number; message: string }
  | { kind: "job"; job: ProgramJob; env: Record<string, string> };

/** What a program process writes to stdout and stderr after a job: the plan reads each stream up to it. */
export const JOB_END_MARK = "\u0000offline-plan: job end\u0000";

export type { EnforcementLevel } from "@platform/policy-analyzer";

/** A policy finding as the plan reports it: the analyzer's diagnostic, unchanged. */
export type Violation = Diagnostic;

export interface StackResult {
  identity: StackIdentity;
  projectDir: string;
  /** The stack file the config came from, or null when the program ran with empty config. */
  stackFile: string | null;
  resources: CapturedResource[];
  violations: Violation[];
  /** Program error (or the reason it could not run); null when the program completed. */
  error: string | null;
  /** Lines the program wrote to stdout/stderr, shown when it fails. */
  output: string;
  durationMs: number;
}

export interface PackResult {
  dir: string;
  name: string;
  version: string;
  error: string | null;
  /** Policies the config disables or sets below their default level, each with its level exception if any. */
  lowered: LoweredPolicy[];
  /** Resources a policy of the config skips, each with its reason and expiry. */
  skipped: SkippedResource[];
  /** What the pack printed besides its port: its logs and, on failure, its stack trace. */
  output: string;
}

export interface PlanResult {
  env: string;
  /** What the checks before planning found worth saying but not refusing (a dev pack config with no levels). */
  warnings: string[];
  stacks: StackResult[];
  packs: PackResult[];
  timings: PlanTimings;
}

/** Where the wall time went. Programs and packs overlap, so the parts do not add up to the total. */
export interface PlanTimings {
  totalMs: number;
  /** From the start until the last program finished. */
  programsMs: number;
  /** From the start until the slowest pack was started and configured. */
  packsReadyMs: number;
  /** Time the plan waited on Analyze/AnalyzeStack replies, summed over packs. */
  analysisMs: number;
  /** From the last program's end until the last policy verdict: what policy evaluation adds to the run. */
  policyTailMs: number;
}

/** The options of a resource registered with none set (reads and default providers). */
export function defaultOptions(): CapturedOptions {
  return {
    protect: false,
    ignoreChanges: [],
    deleteBeforeReplace: undefined,
    additionalSecretOutputs: [],
    aliases: [],
    customTimeouts: { create: "", update: "", delete: "" },
  };
}

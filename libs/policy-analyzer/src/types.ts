// The shapes a caller hands the analyzer client and gets back: plain data, no protobuf.
import type { EnforcementLevel } from "@pulumi/policy";
import type { WireObject } from "./wire-values";

export type { EnforcementLevel };

/** The resource options the engine forwards to analyzers (pulumirpc.AnalyzerResourceOptions). */
export interface ResourceOptions {
  protect?: boolean;
  ignoreChanges?: readonly string[];
  /** Left out when the program did not set it: the engine tells "unset" from `false`. */
  deleteBeforeReplace?: boolean | undefined;
  additionalSecretOutputs?: readonly string[];
  aliases?: readonly string[];
  /** Go duration strings ("5m", "1h30m"), as programs send them. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** The provider resource the engine resolved for a resource. */
export interface ProviderResource {
  urn: string;
  type: string;
  name: string;
  properties: WireObject;
}

/**
 * One resource for Analyze (its inputs) or AnalyzeStack (its final state). `properties` are in the
 * protocol's wire form: see `analyzerValue` and `wireSecret`.
 */
export interface AnalyzerResource {
  urn: string;
  type: string;
  name: string;
  properties: WireObject;
  options?: ResourceOptions;
  provider?: ProviderResource | undefined;
  parent?: string;
  dependencies?: readonly string[];
  propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** One diagnostic of an AnalyzeResponse. */
export interface Diagnostic {
  policyPack: string;
  policyPackVersion: string;
  policyName: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
  /** The full message the engine prints: the policy description, a newline, the violation. */
  message: string;
}

export interface PolicyConfig {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

export interface PolicyInfo {
  name: string;
  enforcementLevel: EnforcementLevel;
  /** JSON schema of the policy's properties (`properties` and `required`), if it takes config. */
  configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
  initialConfig: Record<string, PolicyConfig>;
}

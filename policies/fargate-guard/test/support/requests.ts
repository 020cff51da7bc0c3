import {
  decodeAnalyzerInfo,
  levelName as levelNameOf,
  mergePolicyConfig,
  type AnalyzerResource,
  type PolicyConfig,
} from "@platform/policy-analyzer";
import { packConfigOf } from "@platform/config-files/pack-config-file";
import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { toWire } from "./wire";

/** A resource as a fixture: type, name and inputs, plus the graph edges analyzeStack carries. */
export interface FixtureResource {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly urn?: string;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export const FIXTURE_STACK = "test";
export const FIXTURE_PROJECT = "fargate-guard-fixtures";

export function urnOf(resource: Pick<FixtureResource, "type" | "name" | "urn">): string {
  return resource.urn ?? `urn:pulumi:${FIXTURE_STACK}::${FIXTURE_PROJECT}::${resource.type}::${resource.name}`;
}

/** The fixture as @platform/policy-analyzer sends it, which marshals it as the engine does. */
export function toAnalyzerResource(resource: FixtureResource): AnalyzerResource {
  return {
    type: resource.type,
    name: resource.name,
    urn: urnOf(resource),
    properties: toWire(resource.props) as Record<string, unknown>,
    ...(resource.parent !== undefined ? { parent: resource.parent } : {}),
    dependencies: resource.dependencies ?? [],
    propertyDependencies: resource.propertyDependencies ?? {},
  };
}

/** A `--policy-pack-config` file: rule name to a level, or to an object of level and properties. */
export type PackConfigFile = Record<string, string | Record<string, unknown>>;

export function levelName(level: analyzer.EnforcementLevel): string {
  return levelNameOf(level);
}

/**
 * The config the CLI sends for `--policy-pack-config <file>`, merged as the engine's
 * ReconcilePolicyPackConfig does (defaults, then "all", then each policy's entry). The CLI's schema
 * check is left out on purpose: tests must reach the pack's own runtime checks of its config.
 */
export function reconciledConfig(info: analyzer.AnalyzerInfo, file: PackConfigFile): Record<string, PolicyConfig> {
  const { policies, initialConfig } = decodeAnalyzerInfo(info);
  return mergePolicyConfig(policies, initialConfig, packConfigOf(file, "the test's pack config").settings);
}

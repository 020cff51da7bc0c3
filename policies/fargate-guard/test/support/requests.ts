import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { toStruct } from "./wire";

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

function resourceOptions(): analyzer.AnalyzerResourceOptions {
  return new analyzer.AnalyzerResourceOptions().setProtect(false).setIgnorechangesList([]).setAliasesList([]);
}

export function analyzeRequest(resource: FixtureResource): analyzer.AnalyzeRequest {
  return new analyzer.AnalyzeRequest()
    .setType(resource.type)
    .setName(resource.name)
    .setUrn(urnOf(resource))
    .setProperties(toStruct(resource.props))
    .setOptions(resourceOptions());
}

export function analyzeStackRequest(resources: readonly FixtureResource[]): analyzer.AnalyzeStackRequest {
  const request = new analyzer.AnalyzeStackRequest();
  for (const resource of resources) {
    const entry = new analyzer.AnalyzerResource()
      .setType(resource.type)
      .setName(resource.name)
      .setUrn(urnOf(resource))
      .setProperties(toStruct(resource.props))
      .setOptions(resourceOptions())
      .setDependenciesList([...(resource.dependencies ?? [])]);
    if (resource.parent !== undefined) entry.setParent(resource.parent);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      entry.getPropertydependenciesMap().set(key, new analyzer.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
    request.addResources(entry);
  }
  return request;
}

/** A `--policy-pack-config` file: rule name to a level, or to an object of level and properties. */
export type PackConfigFile = Record<string, string | Record<string, unknown>>;

const levels: Record<string, analyzer.EnforcementLevel> = {
  advisory: analyzer.EnforcementLevel.ADVISORY,
  mandatory: analyzer.EnforcementLevel.MANDATORY,
  disabled: analyzer.EnforcementLevel.DISABLED,
  remediate: analyzer.EnforcementLevel.REMEDIATE,
};

export function levelName(level: analyzer.EnforcementLevel): string {
  return Object.keys(levels).find((name) => levels[name] === level) ?? `unknown(${level})`;
}

/**
 * The ConfigureAnalyzerRequest the CLI sends for `--policy-pack-config <file>`. Like the engine's
 * ReconcilePolicyPackConfig (pkg/resource/analyzer/config.go): start from every policy's default
 * level and schema defaults (from getAnalyzerInfo), apply "all", then each policy's entry.
 */
export function configureRequest(info: analyzer.AnalyzerInfo, file: PackConfigFile): analyzer.ConfigureAnalyzerRequest {
  const reconciled = new Map<string, { level: analyzer.EnforcementLevel; props: Record<string, unknown> }>();
  for (const policy of info.getPoliciesList()) {
    const schema = policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema)) {
      const value = (property as { default?: unknown } | null)?.default;
      if (value !== undefined) defaults[key] = value;
    }
    reconciled.set(policy.getName(), { level: policy.getEnforcementlevel(), props: defaults });
  }
  const all = file.all;
  if (typeof all === "string") for (const entry of reconciled.values()) entry.level = toLevel(all);
  for (const [name, value] of Object.entries(file)) {
    if (name === "all") continue;
    const entry = reconciled.get(name) ?? { level: analyzer.EnforcementLevel.ADVISORY, props: {} };
    if (typeof value === "string") entry.level = toLevel(value);
    else {
      const { enforcementLevel, ...props } = value;
      if (typeof enforcementLevel === "string") entry.level = toLevel(enforcementLevel);
      Object.assign(entry.props, props);
    }
    reconciled.set(name, entry);
  }
  const request = new analyzer.ConfigureAnalyzerRequest();
  for (const [name, entry] of reconciled) {
    const config = new analyzer.PolicyConfig().setEnforcementlevel(entry.level);
    config.setProperties(Struct.fromJavaScript(entry.props as Parameters<typeof Struct.fromJavaScript>[0]));
    request.getPolicyconfigMap().set(name, config);
  }
  return request;
}

function toLevel(name: string): analyzer.EnforcementLevel {
  const level = levels[name];
  if (level === undefined) throw new Error(`"${name}" is not an enforcement level; use ${Object.keys(levels).join(", ")}`);
  return level;
}

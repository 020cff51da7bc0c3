// Requests and responses of the analyzer protocol, marshalled as the engine marshals them
// (sdk/go/common/resource/plugin/analyzer_plugin.go). The one place that builds these messages: the
// gRPC client and the pack's in-process tests both go through it.
import { durationSeconds } from "./durations";
import { proto, Struct, type analyzerProto } from "./sdk-protocol";
import type {
  AnalyzerInfo,
  AnalyzerResource,
  Diagnostic,
  EnforcementLevel,
  PolicyConfig,
  ResourceOptions,
} from "./types";
import { analyzerValue, type WireObject } from "./wire-values";

type StructInput = Parameters<typeof Struct.fromJavaScript>[0];

// The SDK's enum, read both ways: ADVISORY ↔ "advisory".
const LEVEL_CODES = Object.fromEntries(
  Object.entries(proto.EnforcementLevel).map(([name, code]) => [name.toLowerCase(), code]),
) as Record<EnforcementLevel, analyzerProto.EnforcementLevel>;
const LEVEL_NAMES = Object.fromEntries(Object.entries(LEVEL_CODES).map(([name, code]) => [code, name])) as Record<
  number,
  EnforcementLevel
>;

export function levelName(code: analyzerProto.EnforcementLevel): EnforcementLevel {
  const name = LEVEL_NAMES[code];
  if (name === undefined) {
    throw new Error(`The pack sent enforcement level ${code}, which the protocol does not define.`);
  }
  return name;
}

export const levelCode = (name: EnforcementLevel): analyzerProto.EnforcementLevel => LEVEL_CODES[name];

const struct = (value: WireObject) => Struct.fromJavaScript(analyzerValue(value) as StructInput);

function options(opts: ResourceOptions = {}, parent: string): analyzerProto.AnalyzerResourceOptions {
  const result = new proto.AnalyzerResourceOptions();
  result.setProtect(opts.protect ?? false);
  result.setIgnorechangesList([...(opts.ignoreChanges ?? [])]);
  result.setDeletebeforereplace(opts.deleteBeforeReplace ?? false);
  result.setDeletebeforereplacedefined(opts.deleteBeforeReplace !== undefined);
  result.setAdditionalsecretoutputsList([...(opts.additionalSecretOutputs ?? [])]);
  result.setAliasesList([...(opts.aliases ?? [])]);
  const timeouts = new proto.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(durationSeconds(opts.customTimeouts?.create ?? ""));
  timeouts.setUpdate(durationSeconds(opts.customTimeouts?.update ?? ""));
  timeouts.setDelete(durationSeconds(opts.customTimeouts?.delete ?? ""));
  result.setCustomtimeouts(timeouts);
  result.setParent(parent);
  return result;
}

function provider(resource: AnalyzerResource): analyzerProto.AnalyzerProviderResource | undefined {
  if (!resource.provider) return undefined;
  const result = new proto.AnalyzerProviderResource();
  result.setUrn(resource.provider.urn);
  result.setType(resource.provider.type);
  result.setName(resource.provider.name);
  result.setProperties(struct(resource.provider.properties));
  return result;
}

/** Analyze: one resource's inputs, before it would be created. */
export function analyzeRequest(resource: AnalyzerResource): analyzerProto.AnalyzeRequest {
  const request = new proto.AnalyzeRequest();
  request.setUrn(resource.urn);
  request.setType(resource.type);
  request.setName(resource.name);
  request.setProperties(struct(resource.properties));
  request.setOptions(options(resource.options, resource.parent ?? ""));
  request.setProvider(provider(resource));
  return request;
}

/** AnalyzeStack: every resource's final state, with the dependency graph. */
export function analyzeStackRequest(resources: readonly AnalyzerResource[]): analyzerProto.AnalyzeStackRequest {
  const request = new proto.AnalyzeStackRequest();
  for (const resource of resources) {
    const entry = new proto.AnalyzerResource();
    entry.setUrn(resource.urn);
    entry.setType(resource.type);
    entry.setName(resource.name);
    entry.setProperties(struct(resource.properties));
    entry.setOptions(options(resource.options, ""));
    entry.setProvider(provider(resource));
    entry.setParent(resource.parent ?? "");
    entry.setDependenciesList([...(resource.dependencies ?? [])]);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      // The engine leaves out properties without dependencies.
      if (!urns.length) continue;
      entry.getPropertydependenciesMap().set(key, new proto.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
    request.addResources(entry);
  }
  return request;
}

export function configureRequest(config: Record<string, PolicyConfig>): analyzerProto.ConfigureAnalyzerRequest {
  const request = new proto.ConfigureAnalyzerRequest();
  for (const [name, policy] of Object.entries(config)) {
    const message = new proto.PolicyConfig();
    message.setEnforcementlevel(levelCode(policy.enforcementLevel ?? "advisory"));
    message.setProperties(Struct.fromJavaScript((policy.properties ?? {}) as StructInput));
    request.getPolicyconfigMap().set(name, message);
  }
  return request;
}

export function decodeAnalyzerInfo(info: analyzerProto.AnalyzerInfo): AnalyzerInfo {
  const initialConfig: AnalyzerInfo["initialConfig"] = {};
  info.getInitialconfigMap().forEach((config, name) => {
    initialConfig[name] = {
      enforcementLevel: levelName(config.getEnforcementlevel()),
      properties: config.getProperties()?.toJavaScript() ?? {},
    };
  });
  return {
    name: info.getName(),
    version: info.getVersion(),
    initialConfig,
    policies: info.getPoliciesList().map((policy) => {
      const schema = policy.getConfigschema();
      const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>;
      return {
        name: policy.getName(),
        enforcementLevel: levelName(policy.getEnforcementlevel()),
        ...(schema ? { configSchema: { properties, required: schema.getRequiredList() } } : {}),
      };
    }),
  };
}

/** `analyzedUrn`: for Analyze the engine reports every diagnostic on the resource it analyzed. */
export function decodeDiagnostics(response: analyzerProto.AnalyzeResponse, analyzedUrn = ""): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policyPack: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    policyName: d.getPolicyname(),
    description: d.getDescription(),
    enforcementLevel: levelName(d.getEnforcementlevel()),
    urn: analyzedUrn || d.getUrn(),
    message: d.getMessage(),
  }));
}

// The engine's side of the CrossGuard analyzer protocol (pulumirpc.Analyzer), for one pack process:
// GetAnalyzerInfo, Configure, Analyze and AnalyzeStack, marshalled as the engine marshals them
// (sdk/go/common/resource/plugin/analyzer_plugin.go).
import * as grpc from "@grpc/grpc-js";
import type * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type { CapturedOptions, CapturedResource, EnforcementLevel, Violation, WireObject } from "../types";
import { analyzerValue } from "../wire-values";
import { durationSeconds } from "./durations";
import type { PolicyConfig, PolicyInfo } from "./policy-config";

// The generated messages must come from the same google-protobuf copy as @pulumi/pulumi's own,
// since its gRPC serializers check `instanceof` (npm dedupes it, but resolve it from there to be sure).
const pulumiRequire = require("node:module").createRequire(require.resolve("@pulumi/pulumi/package.json")) as NodeJS.Require;
const rpc = pulumiRequire("./proto/analyzer_grpc_pb") as typeof analyzerRpc;
const proto = pulumiRequire("./proto/analyzer_pb") as typeof analyzerProto;
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");

const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_CODES: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

export interface AnalyzerInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
  initialConfig: Record<string, PolicyConfig>;
}

/** A resource with the provider the engine resolves for it, ready for Analyze / AnalyzeStack. */
export interface AnalyzedResource {
  resource: CapturedResource;
  provider: CapturedResource | undefined;
}

export class AnalyzerClient {
  private readonly client: analyzerRpc.AnalyzerClient;

  constructor(port: number) {
    this.client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
  }

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    const info = await this.call<analyzerProto.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
    const initialConfig: Record<string, PolicyConfig> = {};
    info.getInitialconfigMap().forEach((config, name) => {
      initialConfig[name] = { enforcementLevel: LEVELS[config.getEnforcementlevel()]!, properties: config.getProperties()?.toJavaScript() ?? {} };
    });
    return {
      name: info.getName(),
      version: info.getVersion(),
      initialConfig,
      policies: info.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()]!,
          ...(schema
            ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>, required: schema.getRequiredList() } }
            : {}),
        };
      }),
    };
  }

  async configure(config: Record<string, PolicyConfig>): Promise<void> {
    const req = new proto.ConfigureAnalyzerRequest();
    for (const [name, policy] of Object.entries(config)) {
      const message = new proto.PolicyConfig();
      message.setEnforcementlevel(LEVEL_CODES[policy.enforcementLevel ?? "advisory"] as analyzerProto.EnforcementLevel);
      message.setProperties(Struct.fromJavaScript((policy.properties ?? {}) as Parameters<typeof Struct.fromJavaScript>[0]));
      req.getPolicyconfigMap().set(name, message);
    }
    await this.call((cb) => this.client.configure(req, cb));
  }

  /** Analyze: one resource's inputs, before it would be created. */
  async analyze({ resource, provider }: AnalyzedResource): Promise<Violation[]> {
    const req = new proto.AnalyzeRequest();
    req.setUrn(resource.urn);
    req.setType(resource.type);
    req.setName(resource.name);
    req.setProperties(struct(resource.inputs));
    req.setOptions(options(resource.options, resource.parent));
    if (provider) req.setProvider(providerResource(provider));
    const resp = await this.call<analyzerProto.AnalyzeResponse>((cb) => this.client.analyze(req, cb));
    return violations(resp.getDiagnosticsList(), resource.urn);
  }

  /** AnalyzeStack: every resource's final state, with the dependency graph. */
  async analyzeStack(resources: AnalyzedResource[]): Promise<Violation[]> {
    const req = new proto.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map(({ resource, provider }) => {
        const r = new proto.AnalyzerResource();
        r.setUrn(resource.urn);
        r.setType(resource.type);
        r.setName(resource.name);
        r.setProperties(struct(resource.outputs));
        r.setOptions(options(resource.options, ""));
        if (provider) r.setProvider(providerResource(provider));
        r.setParent(resource.parent);
        r.setDependenciesList(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
          // The engine leaves out properties without dependencies.
          if (!urns.length) continue;
          const deps = new proto.AnalyzerPropertyDependencies();
          deps.setUrnsList(urns);
          r.getPropertydependenciesMap().set(key, deps);
        }
        return r;
      }),
    );
    const resp = await this.call<analyzerProto.AnalyzeResponse>((cb) => this.client.analyzeStack(req, cb));
    return violations(resp.getDiagnosticsList(), "");
  }

  close(): void {
    this.client.close();
  }

  private call<T>(invoke: (cb: (err: grpc.ServiceError | null, resp: T) => void) => unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      invoke((err, resp) => (err ? reject(new Error(err.details || err.message)) : resolve(resp)));
    });
  }
}

function struct(value: WireObject) {
  return Struct.fromJavaScript(analyzerValue(value) as Parameters<typeof Struct.fromJavaScript>[0]);
}

function options(opts: CapturedOptions, parent: string): analyzerProto.AnalyzerResourceOptions {
  const result = new proto.AnalyzerResourceOptions();
  result.setProtect(opts.protect);
  result.setIgnorechangesList(opts.ignoreChanges);
  result.setDeletebeforereplace(opts.deleteBeforeReplace ?? false);
  result.setDeletebeforereplacedefined(opts.deleteBeforeReplace !== undefined);
  result.setAdditionalsecretoutputsList(opts.additionalSecretOutputs);
  result.setAliasesList(opts.aliases);
  const timeouts = new proto.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(durationSeconds(opts.customTimeouts.create));
  timeouts.setUpdate(durationSeconds(opts.customTimeouts.update));
  timeouts.setDelete(durationSeconds(opts.customTimeouts.delete));
  result.setCustomtimeouts(timeouts);
  result.setParent(parent);
  return result;
}

function providerResource(provider: CapturedResource): analyzerProto.AnalyzerProviderResource {
  const result = new proto.AnalyzerProviderResource();
  result.setUrn(provider.urn);
  result.setType(provider.type);
  result.setName(provider.name);
  result.setProperties(struct(provider.inputs));
  return result;
}

function violations(diagnostics: analyzerProto.AnalyzeDiagnostic[], fallbackUrn: string): Violation[] {
  return diagnostics.map((d) => ({
    policyPack: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    policyName: d.getPolicyname(),
    description: d.getDescription(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()]!,
    // As the engine does for Analyze: the URN of the resource analyzed.
    urn: fallbackUrn || d.getUrn(),
    message: d.getMessage(),
  }));
}

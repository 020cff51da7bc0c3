// Records every resource the program registers or reads, with what `mocks.newResource` never sees:
// parent, dependencies, property dependencies, provider and options. It wraps the methods of the
// SDK's own MockMonitor instance (installed by `setMocks`) instead of reimplementing it, so the SDK
// keeps its mock behaviour (inputs become state, `getResource` invokes, feature flags).
import { type CapturedOptions, type CapturedResource, defaultOptions, type WireObject } from "../types";
import { engineUrn } from "./engine-urn";
import type { Alias } from "@pulumi/pulumi/proto/alias_pb";
import type {
  ReadResourceRequest,
  ReadResourceResponse,
  RegisterResourceOutputsRequest,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

type Callback<Resp> = (err: unknown, resp?: Resp) => void;

/** What `record` reads from a register or read request. */
type ResourceRequest = RegisterResourceRequest | ReadResourceRequest;

/** The subset of the SDK's MockMonitor this module touches. */
export interface MockMonitorLike {
  resources: Map<string, unknown>;
  registerResource(req: RegisterResourceRequest, callback: Callback<RegisterResourceResponse>): unknown;
  readResource(req: ReadResourceRequest, callback: Callback<ReadResourceResponse>): unknown;
  registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
}

export interface CaptureSink {
  resource(resource: CapturedResource): void;
  outputs(urn: string, outputs: WireObject): void;
  /** A mock or monitor failure: the engine would fail the deployment on it, so the plan does too. */
  failure(operation: string, message: string): void;
}

/** `Alias.AliasCase.URN`, kept as a value here so the child loads no protobuf module of its own. */
const ALIAS_URN: Alias.AliasCase = 1;

export function captureResources(monitor: MockMonitorLike, project: string, stack: string, sink: CaptureSink): void {
  const registerResource = monitor.registerResource.bind(monitor);
  const readResource = monitor.readResource.bind(monitor);
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);

  // The mock monitor prefixes every child URN with its parent's type, including the root stack's.
  // The engine leaves the stack out. Rewriting the URN in the response keeps the program, the
  // report and the policies on the URNs `pulumi preview` shows.
  const adoptEngineUrn = (
    mockUrn: string,
    urn: string,
    resp: RegisterResourceResponse | ReadResourceResponse,
  ): void => {
    const entry = monitor.resources.get(mockUrn);
    if (entry && mockUrn !== urn) {
      monitor.resources.delete(mockUrn);
      monitor.resources.set(urn, { ...entry, urn });
    }
    resp.setUrn(urn);
  };

  type FromRequest = "urn" | "type" | "name" | "parent" | "provider" | "packageVersion" | "dependencies" | "options";
  /** Records a registered or read resource under the URN the engine would give it. */
  const record = (
    req: ResourceRequest,
    resp: RegisterResourceResponse | ReadResourceResponse,
    resource: Omit<CapturedResource, FromRequest> & { options: (urn: string) => CapturedOptions },
  ) => {
    const urn = engineUrn(stack, project, req.getParent(), req.getType(), req.getName());
    adoptEngineUrn(resp.getUrn(), urn, resp);
    sink.resource({
      ...resource,
      urn,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent(),
      provider: req.getProvider(),
      packageVersion: req.getVersion(),
      dependencies: req.getDependenciesList(),
      options: resource.options(urn),
    });
  };

  /** Calls `original`, reporting a failure to the sink or recording the resource, then answers the program. */
  const wrap =
    <Req extends ResourceRequest, Resp>(
      original: (req: Req, cb: Callback<Resp>) => unknown,
      verb: string,
      onSuccess: (req: Req, resp: Resp) => void,
    ) =>
    (req: Req, callback: Callback<Resp>) =>
      original(req, (err, resp) => {
        if (err) {
          sink.failure(`${verb} ${req.getType()} \`${req.getName()}\``, messageOf(err));
          return callback(err, resp);
        }
        // Without an error the monitor always answers with a response.
        onSuccess(req, resp as Resp);
        callback(null, resp);
      });

  monitor.registerResource = wrap(registerResource, "registering", (req, resp) =>
    record(req, resp, {
      operation: "register",
      custom: req.getCustom(),
      remote: req.getRemote(),
      inputs: structToJs(req.getObject()),
      outputs: structToJs(resp.getObject()),
      propertyDependencies: propertyDependencies(req),
      options: (urn) => options(req, urn, project, stack),
    }),
  );

  monitor.readResource = wrap(readResource, "reading", (req, resp) =>
    record(req, resp, {
      operation: "read",
      custom: true,
      remote: false,
      inputs: structToJs(req.getProperties()),
      outputs: structToJs(resp.getProperties()),
      propertyDependencies: {},
      options: () => ({ ...defaultOptions(), additionalSecretOutputs: req.getAdditionalsecretoutputsList() }),
    }),
  );

  monitor.registerResourceOutputs = (req: RegisterResourceOutputsRequest, callback: Callback<unknown>) =>
    registerResourceOutputs(req, (err, resp) => {
      if (err) sink.failure(`registering outputs of ${req.getUrn()}`, messageOf(err));
      else sink.outputs(req.getUrn(), structToJs(req.getOutputs()));
      callback(err, resp);
    });
}

function structToJs(struct: Struct | undefined): WireObject {
  return struct ? struct.toJavaScript() : {};
}

function propertyDependencies(req: RegisterResourceRequest): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    result[key] = deps.getUrnsList();
  });
  return result;
}

function options(req: RegisterResourceRequest, urn: string, project: string, stack: string): CapturedOptions {
  const timeouts = req.getCustomtimeouts();
  const aliasSpecs: string[] = req.getAliasesList().map((alias: Alias) => {
    if (alias.getAliasCase() === ALIAS_URN) return alias.getUrn();
    const spec = alias.getSpec();
    // An alias is either a URN or a spec; the SDK never sends one with neither.
    if (!spec) throw new TypeError("alias without a URN or a spec");
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    return engineUrn(
      spec.getStack() || stack,
      spec.getProject() || project,
      parent,
      spec.getType() || req.getType(),
      spec.getName() || req.getName(),
    );
  });
  return {
    protect: Boolean(req.getProtect()),
    ignoreChanges: req.getIgnorechangesList(),
    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliases: [...req.getAliasurnsList(), ...aliasSpecs].filter((alias) => alias !== urn),
    customTimeouts: {
      create: timeouts?.getCreate() ?? "",
      update: timeouts?.getUpdate() ?? "",
      delete: timeouts?.getDelete() ?? "",
    },
  };
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { PolicyPackArgs } from "@pulumi/policy";
import * as policyServer from "@pulumi/policy/server";
import type { AnalyzerTransport } from "@platform/policy-analyzer";
import { AnalyzerService } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { packArgs, packName } from "../../src/pack";
import { driverOver, type AnalyzerDriver } from "./driver";

type Handler = (
  call: { request: unknown },
  callback: (error: Error | null | undefined, response?: unknown) => void,
) => void;
type Serve = (name: string, version: string, level: string, args: PolicyPackArgs) => void;

const packDir = path.resolve(__dirname, "../..");

/**
 * The pack's real Analyzer service, in this process. `new PolicyPack` reads the version from
 * package.json and calls @pulumi/policy's `serve`, which builds the handlers (analyze,
 * analyzeStack, configure, getAnalyzerInfo, …) and hands them to a gRPC server. We call that
 * same `serve` with the same name and args as index.ts, but capture the handler table instead of
 * binding a port, so a test never imports the module that calls `new PolicyPack`. Each call
 * serializes the request and response through the service definition, as gRPC does on the wire;
 * the requests are built by @platform/policy-analyzer, as for the pack process.
 * `serve` keeps module state (one pack per process): create one per test file.
 */
export function startInProcessPack(): AnalyzerDriver {
  return driverOver(inProcessTransport());
}

/** The transport under startInProcessPack: the pack's own handlers, called with requests as serialized on the wire. */
export function inProcessTransport(): AnalyzerTransport {
  const handlers = captureHandlers(() => {
    // server.d.ts declares no exports (`export {}`), though server.js exports `serve`: give it its type here.
    const { serve } = policyServer as unknown as { serve: Serve };
    const { version } = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { version: string };
    serve(packName, version, packArgs.enforcementLevel ?? "advisory", packArgs);
  });
  const call = <T>(method: keyof typeof AnalyzerService, request: unknown): Promise<T> => {
    const definition = AnalyzerService[method] as grpc.MethodDefinition<unknown, unknown>;
    const handler = handlers[method];
    if (handler === undefined) throw new Error(`The pack registered no handler for ${String(method)}`);
    const wireRequest = definition.requestDeserialize(definition.requestSerialize(request));
    return new Promise<T>((resolve, reject) =>
      handler({ request: wireRequest }, (error, response) =>
        error ? reject(error) : resolve(definition.responseDeserialize(definition.responseSerialize(response)) as T),
      ),
    );
  };
  const transport: AnalyzerTransport = {
    getAnalyzerInfo: () => call<analyzer.AnalyzerInfo>("getAnalyzerInfo", new Empty()),
    configure: async (request) => {
      await call("configure", request);
    },
    analyze: (request) => call<analyzer.AnalyzeResponse>("analyze", request),
    analyzeStack: (request) => call<analyzer.AnalyzeResponse>("analyzeStack", request),
    close: () => undefined,
  };
  return transport;
}

function captureHandlers(start: () => void): Record<string, Handler> {
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  let captured: Record<string, Handler> | undefined;
  proto.addService = function (_service, implementation) {
    captured = implementation as unknown as Record<string, Handler>;
  };
  proto.bindAsync = function () {};
  try {
    start();
  } finally {
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (captured === undefined) throw new Error("@pulumi/policy's serve() registered no Analyzer service");
  return captured;
}

// The engine side of a program run, served over real gRPC on a loopback port: a ResourceMonitor and an Engine,
// as `pulumi preview` serves them to the language host. Registrations and invokes are answered by the SDK's own
// MockMonitor over the AWS mocks, the pair runProgram installs in-process with `setMocks`, so a program started
// through the language host sees the same fake cloud as the program tests.
import * as grpc from "@grpc/grpc-js";
import {
  type AwsMocksOptions,
  type RecordedResource,
  awsMocks,
  nameAfterAliases,
  recordLifecycle,
} from "@platform/aws-mocks";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

export interface MockEngineOptions extends AwsMocksOptions {
  readonly project: string;
  readonly stack: string;
}

/** A message the program logged through the Engine service (`pulumi.log`, and every uncaught program error). */
export interface EngineLog {
  readonly severity: "info" | "warning" | "error";
  readonly message: string;
  readonly urn: string;
}

export interface MockEngine {
  readonly monitorAddress: string;
  readonly engineAddress: string;
  /** Every resource registered or read, in order, as the AWS mocks recorded it. */
  readonly resources: RecordedResource[];
  /** Type and name of each registration whose request carried transform callbacks. */
  readonly transformed: { readonly type: string; readonly name: string }[];
  readonly logs: EngineLog[];
  /** The root stack's outputs, once the program has registered them. */
  stackOutputs(): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

const SEVERITIES: Partial<Record<enginePb.LogSeverity, EngineLog["severity"]>> = {
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
type Reply = grpc.sendUnaryData<unknown>;

export async function startMockEngine(options: MockEngineOptions): Promise<MockEngine> {
  const mocks = awsMocks(options);
  const monitor = new MockMonitor(mocks);
  // The mock monitor names resources with the process-wide project and stack of `setMocks`; this monitor serves
  // one program of its own, so it names them as the engine does: its stack and project, and a child of the root
  // stack without the stack's type in front.
  Object.assign(monitor, { newUrn: (parent: string, type: string, name: string) => urn(options, parent, type, name) });
  nameAfterAliases(monitor, mocks);
  recordLifecycle(monitor, mocks);
  const transformed: MockEngine["transformed"] = [];
  const logs: EngineLog[] = [];
  let rootUrn = "";
  let outputs: Record<string, unknown> | undefined;

  const monitorServer = new grpc.Server();
  monitorServer.addService(ResourceMonitorService, {
    supportsFeature(call: Call<resourcePb.SupportsFeatureRequest>, reply: Reply) {
      // The mock monitor's own answers (everything but `outputValues`), in the message the SDK reads.
      monitor.supportsFeature(call.request, (err: unknown, answer: { getHassupport(): boolean }) => {
        reply(
          err as grpc.ServiceError | null,
          new resourcePb.SupportsFeatureResponse().setHassupport(answer.getHassupport()),
        );
      });
    },
    invoke: (call: Call<unknown>, reply: Reply) => void monitor.invoke(call.request, reply),
    readResource: (call: Call<unknown>, reply: Reply) => void monitor.readResource(call.request, reply),
    registerResource(call: Call<resourcePb.RegisterResourceRequest>, reply: Reply) {
      const req = call.request;
      if (req.getTransformsList().length) transformed.push({ type: req.getType(), name: req.getName() });
      void monitor.registerResource(req, reply);
    },
    registerResourceOutputs(call: Call<resourcePb.RegisterResourceOutputsRequest>, reply: Reply) {
      const req = call.request;
      const registered = req.getOutputs();
      if (req.getUrn() === rootUrn && registered) outputs = deserializeProperties(registered);
      monitor.registerResourceOutputs(req, (err: unknown) => reply(err as grpc.ServiceError | null, new Empty()));
    },
    registerPackage: (call: Call<unknown>, reply: Reply) => monitor.registerPackage(call.request, reply),
  });
  const engineServer = new grpc.Server();
  engineServer.addService(EngineService, {
    log(call: Call<enginePb.LogRequest>, reply: Reply) {
      const req = call.request;
      // Debug messages (one per RPC from the SDK) have no entry: the CLI shows them only when asked (-v).
      const severity = SEVERITIES[req.getSeverity()];
      if (severity) logs.push({ severity, message: req.getMessage(), urn: req.getUrn() });
      reply(null, new Empty());
    },
    getRootResource: (_call: Call<unknown>, reply: Reply) =>
      reply(null, new enginePb.GetRootResourceResponse().setUrn(rootUrn)),
    setRootResource(call: Call<enginePb.SetRootResourceRequest>, reply: Reply) {
      rootUrn = call.request.getUrn();
      reply(null, new enginePb.SetRootResourceResponse());
    },
  });
  const [monitorPort, enginePort] = await Promise.all([bind(monitorServer), bind(engineServer)]);
  return {
    monitorAddress: `127.0.0.1:${monitorPort}`,
    engineAddress: `127.0.0.1:${enginePort}`,
    resources: mocks.resources,
    transformed,
    logs,
    stackOutputs: () => outputs,
    close: async () => {
      await Promise.all(
        [monitorServer, engineServer].map((s) => new Promise<void>((done) => s.tryShutdown(() => done()))),
      );
    },
  };
}

function bind(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

function urn({ project, stack }: MockEngineOptions, parent: string, type: string, name: string): string {
  const parentType = parent ? parent.split("::")[2]! : ROOT_STACK_TYPE;
  const qualified = parentType === ROOT_STACK_TYPE ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

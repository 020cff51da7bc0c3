// The engine's side of the CrossGuard analyzer protocol (pulumirpc.Analyzer): GetAnalyzerInfo,
// Configure, Analyze and AnalyzeStack. The messages come from ./marshal; the transport is gRPC to a
// pack process, or anything else that answers the same four calls (the pack's in-process tests).
import * as grpc from "@grpc/grpc-js";
import {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  decodeAnalyzerInfo,
  decodeDiagnostics,
} from "./marshal";
import { Empty, rpc, type analyzerProto } from "./sdk-protocol";
import type { AnalyzerInfo, AnalyzerResource, Diagnostic, PolicyConfig } from "./types";

/** The four calls of the protocol, on protobuf messages. */
export interface AnalyzerTransport {
  getAnalyzerInfo(): Promise<analyzerProto.AnalyzerInfo>;
  configure(request: analyzerProto.ConfigureAnalyzerRequest): Promise<void>;
  analyze(request: analyzerProto.AnalyzeRequest): Promise<analyzerProto.AnalyzeResponse>;
  analyzeStack(request: analyzerProto.AnalyzeStackRequest): Promise<analyzerProto.AnalyzeResponse>;
  close(): void;
}

type Callback<T> = (error: grpc.ServiceError | null, response: T) => void;

function unary<T>(invoke: (callback: Callback<T>) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((error, response) => (error ? reject(new Error(error.details || error.message)) : resolve(response)));
  });
}

/** gRPC to a pack listening on 127.0.0.1:`port`. */
export function grpcTransport(port: number): AnalyzerTransport {
  const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    // A whole stack travels in one AnalyzeStack request.
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  return {
    getAnalyzerInfo: () => unary<analyzerProto.AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb)),
    configure: async (request) => {
      await unary((cb) => client.configure(request, cb));
    },
    analyze: (request) => unary<analyzerProto.AnalyzeResponse>((cb) => client.analyze(request, cb)),
    analyzeStack: (request) => unary<analyzerProto.AnalyzeResponse>((cb) => client.analyzeStack(request, cb)),
    close: () => client.close(),
  };
}

/** The protocol in plain data: resources and config in, diagnostics out. */
export class AnalyzerClient {
  constructor(readonly transport: AnalyzerTransport) {}

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    return decodeAnalyzerInfo(await this.transport.getAnalyzerInfo());
  }

  /** Sends config that is already reconciled (see `reconcilePolicyConfig`), as the engine does. */
  configure(config: Record<string, PolicyConfig>): Promise<void> {
    return this.transport.configure(configureRequest(config));
  }

  async analyze(resource: AnalyzerResource): Promise<Diagnostic[]> {
    return decodeDiagnostics(await this.transport.analyze(analyzeRequest(resource)), resource.urn);
  }

  async analyzeStack(resources: readonly AnalyzerResource[]): Promise<Diagnostic[]> {
    return decodeDiagnostics(await this.transport.analyzeStack(analyzeStackRequest(resources)));
  }

  close(): void {
    this.transport.close();
  }
}

export { AnalyzerClient, grpcTransport, type AnalyzerTransport } from "./analyzer-client";
export {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  decodeAnalyzerInfo,
  decodeDiagnostics,
  levelCode,
  levelName,
} from "./marshal";
export { startPack, type PackProcess, type StartOptions } from "./pack-process";
export { mergePolicyConfig, reconcilePolicyConfig } from "./policy-config";
export { startPolicyPack, type RunningPack } from "./start";
export type * from "./types";
export { analyzerValue, UNKNOWN_SENTINEL, wireSecret, type WireObject, type WireValue } from "./wire-values";

// startPolicyPack(packDir) → a client for one pack process: what the offline plan, the pack's tests
// and its benchmark all use, so there is one way to start a pack and one way to speak to it.
import { AnalyzerClient, grpcTransport } from "./analyzer-client";
import { startPack, type PackProcess, type StartOptions } from "./pack-process";
import { reconcilePolicyConfig } from "./policy-config";
import type { AnalyzerInfo, AnalyzerResource, Diagnostic, PolicyConfig } from "./types";

export class RunningPack {
  readonly client: AnalyzerClient;

  constructor(readonly process: PackProcess) {
    this.client = new AnalyzerClient(grpcTransport(process.port));
  }

  info(): Promise<AnalyzerInfo> {
    return this.client.getAnalyzerInfo();
  }

  /** Sends config that is already reconciled, as the engine does. */
  configure(config: Record<string, PolicyConfig>): Promise<void> {
    return this.client.configure(config);
  }

  /**
   * Configures as `--policy-pack-config` does: the pack's defaults, its initial config, then
   * `fileConfig`, validated against each policy's schema. Returns the info it read on the way.
   */
  async configureFromFile(fileConfig: Record<string, PolicyConfig>, fileLabel: string): Promise<AnalyzerInfo> {
    const info = await this.info();
    await this.configure(reconcilePolicyConfig(info.policies, info.initialConfig, fileConfig, fileLabel));
    return info;
  }

  analyze(resource: AnalyzerResource): Promise<Diagnostic[]> {
    return this.client.analyze(resource);
  }

  analyzeStack(resources: readonly AnalyzerResource[]): Promise<Diagnostic[]> {
    return this.client.analyzeStack(resources);
  }

  /** Closes the connection and ends the process; resolves once it has exited. */
  async close(): Promise<void> {
    this.client.close();
    await this.process.stop();
  }
}

export async function startPolicyPack(packDir: string, options: StartOptions = {}): Promise<RunningPack> {
  return new RunningPack(await startPack(packDir, options));
}

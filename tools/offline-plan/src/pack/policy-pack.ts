// One policy pack for the whole run: started once, while the programs run, configured for the
// environment, then fed every stack's resources. A pack serves all stacks of the run; it keeps no
// per-stack state that Analyze/AnalyzeStack depend on (ConfigureStack only carries stack tags, which
// offline stacks do not have, so it is not sent).
import * as path from "node:path";
import type { PackResult, Violation } from "../types";
import { AnalyzerClient, type AnalyzedResource } from "./analyzer-client";
import { startPack, type PackProcess } from "./pack-process";
import { loweredPolicies } from "@platform/config/policy-config-file";
import { loadPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";

const PROCESS_ENDED = "the policy pack process ended during the run";

export class PolicyPack {
  readonly ready: Promise<void>;
  /** Milliseconds from the start of the run until the pack was configured. */
  readyAfterMs = 0;
  /** Milliseconds spent waiting on Analyze/AnalyzeStack replies, summed. */
  analysisMs = 0;
  private name = "";
  private version = "";
  private errors: string[] = [];
  private process: PackProcess | undefined;
  private client: AnalyzerClient | undefined;
  private stopping = false;
  private lowered: string[] = [];

  constructor(
    readonly dir: string,
    configFile: string | null,
    workspaceRoot: string,
    startedAt: number,
  ) {
    this.name = path.basename(dir);
    this.ready = this.start(configFile, workspaceRoot).then(
      () => {
        this.readyAfterMs = Date.now() - startedAt;
      },
      (err: Error) => {
        this.errors.push(err.message);
      },
    );
  }

  private async start(configFile: string | null, workspaceRoot: string): Promise<void> {
    this.process = await startPack(this.dir, workspaceRoot);
    void this.process.exited.then((how) => this.processEnded(how));
    this.client = new AnalyzerClient(this.process.port);
    const info = await this.client.getAnalyzerInfo();
    this.name = info.name;
    this.version = info.version;
    const fileConfig = configFile ? loadPolicyConfigFile(configFile) : {};
    const config = reconcilePolicyConfig(info.policies, info.initialConfig, fileConfig, configFile ?? "(no config file)");
    const defaults = info.policies.map((p) => ({ name: p.name, level: p.enforcementLevel }));
    this.lowered = loweredPolicies(defaults, config).map((l) => `${l.name} (${l.from} → ${l.to})`);
    await this.client.configure(config);
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  analyze(resource: AnalyzedResource): Promise<Violation[]> {
    return this.timed(`Analyze(${resource.resource.urn})`, (client) => client.analyze(resource));
  }

  analyzeStack(resources: AnalyzedResource[], stackLabel: string): Promise<Violation[]> {
    return this.timed(`AnalyzeStack(${stackLabel})`, (client) => client.analyzeStack(resources));
  }

  private async timed(what: string, rpc: (client: AnalyzerClient) => Promise<Violation[]>): Promise<Violation[]> {
    await this.ready;
    if (!this.client || this.failed) return [];
    const started = Date.now();
    try {
      return await rpc(this.client);
    } catch (err) {
      this.errors.push(`${what} failed: ${(err as Error).message}`);
      // A dropped connection usually means the process died: wait briefly for its exit to say so.
      const how = await Promise.race([this.process!.exited, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
      if (how) this.processEnded(how);
      return [];
    } finally {
      this.analysisMs += Date.now() - started;
    }
  }

  private processEnded(how: string): void {
    if (this.stopping || this.errors.some((e) => e.startsWith(PROCESS_ENDED))) return;
    this.errors.push(`${PROCESS_ENDED} (${how})`);
  }

  stop(): void {
    this.stopping = true;
    this.client?.close();
    this.process?.stop();
  }

  result(): PackResult {
    // When a pack dies mid-run every later call fails the same way; the first few say why.
    const ended = this.errors.filter((e) => e.startsWith(PROCESS_ENDED));
    const shown = [...ended, ...this.errors.filter((e) => !e.startsWith(PROCESS_ENDED)).slice(0, 3)];
    if (this.errors.length > shown.length) shown.push(`(and ${this.errors.length - shown.length} more failed calls)`);
    const error = shown.length ? shown.join("\n") : null;
    return { dir: this.dir, name: this.name, version: this.version, error, lowered: this.lowered, output: this.process?.output() ?? "" };
  }
}

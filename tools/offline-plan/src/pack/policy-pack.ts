// One policy pack for the whole run: started once, while the programs run, configured for the
// environment, then fed every stack's resources. A pack serves all stacks of the run; it keeps no
// per-stack state that Analyze/AnalyzeStack depend on (ConfigureStack only carries stack tags, which
// offline stacks do not have, so it is not sent).
import * as path from "node:path";
import { startPolicyPack, type AnalyzerResource, type RunningPack } from "@platform/policy-analyzer";
import { readPackConfigFile } from "@platform/config-files/pack-config-file";
import {
  loweredPolicies,
  skippedResources,
  type LoweredPolicy,
  type SkippedResource,
} from "@platform/config-files/waiver-report";
import type { CapturedResource, PackResult, Violation } from "../types";

const PROCESS_ENDED = "the policy pack process ended during the run";

/** A resource with the provider the engine resolves for it, ready for Analyze / AnalyzeStack. */
export interface AnalyzedResource {
  resource: CapturedResource;
  provider: CapturedResource | undefined;
}

/** Analyze sees a resource's inputs; AnalyzeStack its final state, with parent and dependencies. */
function forAnalyzer({ resource, provider }: AnalyzedResource, state: "inputs" | "outputs"): AnalyzerResource {
  const { urn, type, name, parent, options } = resource;
  return {
    urn,
    type,
    name,
    properties: resource[state],
    options,
    parent,
    provider: provider && { urn: provider.urn, type: provider.type, name: provider.name, properties: provider.inputs },
    dependencies: resource.dependencies,
    propertyDependencies: resource.propertyDependencies,
  };
}

export class PolicyPack {
  readonly ready: Promise<void>;
  /** Milliseconds from the start of the run until the pack was configured. */
  readyAfterMs = 0;
  /** Milliseconds spent waiting on Analyze/AnalyzeStack replies, summed. */
  analysisMs = 0;
  private name = "";
  private version = "";
  private errors: string[] = [];
  private pack: RunningPack | undefined;
  private stopping = false;
  private lowered: LoweredPolicy[] = [];
  private skipped: SkippedResource[] = [];

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
    this.pack = await startPolicyPack(this.dir, { fallbackModulesDir: workspaceRoot });
    void this.pack.process.exited.then((how) => this.processEnded(how));
    const config = configFile ? readPackConfigFile(configFile) : null;
    const info = await this.pack.configureFromFile(config?.settings ?? {}, configFile ?? "(no config file)");
    const defaults = info.policies.map((p) => ({ name: p.name, level: p.enforcementLevel }));
    this.lowered = config ? loweredPolicies(defaults, config) : [];
    this.skipped = config ? skippedResources(config) : [];
    this.name = info.name;
    this.version = info.version;
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  analyze(resource: AnalyzedResource): Promise<Violation[]> {
    return this.timed(`Analyze(${resource.resource.urn})`, (pack) => pack.analyze(forAnalyzer(resource, "inputs")));
  }

  analyzeStack(resources: AnalyzedResource[], stackLabel: string): Promise<Violation[]> {
    const whole = resources.map((resource) => forAnalyzer(resource, "outputs"));
    return this.timed(`AnalyzeStack(${stackLabel})`, (pack) => pack.analyzeStack(whole));
  }

  private async timed(what: string, rpc: (pack: RunningPack) => Promise<Violation[]>): Promise<Violation[]> {
    await this.ready;
    if (!this.pack || this.failed) return [];
    const started = Date.now();
    try {
      return await rpc(this.pack);
    } catch (err) {
      this.errors.push(`${what} failed: ${(err as Error).message}`);
      // A dropped connection usually means the process died: wait briefly for its exit to say so.
      const how = await Promise.race([
        this.pack.process.exited,
        new Promise<null>((r) => setTimeout(() => r(null), 500)),
      ]);
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

  stop(): Promise<void> {
    this.stopping = true;
    return this.pack?.close() ?? Promise.resolve();
  }

  result(): PackResult {
    // When a pack dies mid-run every later call fails the same way; the first few say why.
    const ended = this.errors.filter((e) => e.startsWith(PROCESS_ENDED));
    const shown = [...ended, ...this.errors.filter((e) => !e.startsWith(PROCESS_ENDED)).slice(0, 3)];
    if (this.errors.length > shown.length) shown.push(`(and ${this.errors.length - shown.length} more failed calls)`);
    const error = shown.length ? shown.join("\n") : null;
    return {
      dir: this.dir,
      name: this.name,
      version: this.version,
      error,
      lowered: this.lowered,
      skipped: this.skipped,
      output: this.pack?.process.output() ?? "",
    };
  }
}

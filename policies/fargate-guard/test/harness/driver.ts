import { AnalyzerClient, type AnalyzerTransport, type Diagnostic } from "@platform/policy-analyzer";
import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { reconciledConfig, toAnalyzerResource, type FixtureResource, type PackConfigFile } from "./requests";

/** One diagnostic from an AnalyzeResponse, decoded from its protobuf form. */
export interface Finding {
  readonly policyName: string;
  readonly enforcementLevel: string;
  /** The full message the engine prints: the policy description, a newline, the violation. */
  readonly message: string;
  /** The violation text alone (the message without the description line). */
  readonly detail: string;
  readonly urn: string;
}

/** The analyzer protocol, spoken either in-process (unit tests) or over gRPC to the pack process. */
export interface AnalyzerDriver {
  info(): Promise<analyzer.AnalyzerInfo>;
  /** Send a `--policy-pack-config` file as the CLI would (reconciled with defaults). */
  configure(file: PackConfigFile): Promise<void>;
  analyze(resource: FixtureResource): Promise<Finding[]>;
  analyzeStack(resources: readonly FixtureResource[]): Promise<Finding[]>;
}

export function toFinding(diagnostic: Diagnostic): Finding {
  const { message, description } = diagnostic;
  const detail = message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
  const { policyName, enforcementLevel, urn } = diagnostic;
  return { policyName, enforcementLevel, message, detail, urn };
}

/**
 * A driver over any transport of the protocol: every request is built, and every response decoded,
 * by @platform/policy-analyzer, the client the offline plan uses.
 */
export function driverOver(transport: AnalyzerTransport): AnalyzerDriver {
  const client = new AnalyzerClient(transport);
  return {
    info: () => transport.getAnalyzerInfo(),
    configure: async (file) => client.configure(reconciledConfig(await transport.getAnalyzerInfo(), file)),
    analyze: async (resource) => (await client.analyze(toAnalyzerResource(resource))).map(toFinding),
    analyzeStack: async (resources) => (await client.analyzeStack(resources.map(toAnalyzerResource))).map(toFinding),
  };
}

/** What a preview reports for a stack: `analyze` for each resource, then `analyzeStack`. */
export async function analyzeAll(driver: AnalyzerDriver, resources: readonly FixtureResource[]): Promise<Finding[]> {
  const perResource = await Promise.all(resources.map((resource) => driver.analyze(resource)));
  return [...perResource.flat(), ...(await driver.analyzeStack(resources))];
}

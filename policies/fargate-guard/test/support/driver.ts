import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { levelName, type FixtureResource, type PackConfigFile } from "./requests";

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

export function decodeFindings(response: analyzer.AnalyzeResponse): Finding[] {
  return response.getDiagnosticsList().map((diagnostic) => {
    const message = diagnostic.getMessage();
    const description = diagnostic.getDescription();
    const detail = message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
    return {
      policyName: diagnostic.getPolicyname(),
      enforcementLevel: levelName(diagnostic.getEnforcementlevel()),
      message,
      detail,
      urn: diagnostic.getUrn(),
    };
  });
}

/** What a preview reports for a stack: `analyze` for each resource, then `analyzeStack`. */
export async function analyzeAll(driver: AnalyzerDriver, resources: readonly FixtureResource[]): Promise<Finding[]> {
  const perResource = await Promise.all(resources.map((resource) => driver.analyze(resource)));
  return [...perResource.flat(), ...(await driver.analyzeStack(resources))];
}

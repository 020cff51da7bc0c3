import * as path from "node:path";
import { startPolicyPack } from "@platform/policy-analyzer";
import { driverOver, type AnalyzerDriver } from "./driver";

export const PACK_DIR = path.resolve(__dirname, "../..");

/** The pack running in its own process, driven over gRPC like the engine drives it. */
export interface PackProcessDriver extends AnalyzerDriver {
  readonly pid: number;
  readonly port: number;
  /** What the pack printed so far besides its port (stderr and console output). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Start the pack exactly as the Pulumi CLI does, through @platform/policy-analyzer (the client the
 * offline plan uses): `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .` in the pack directory,
 * whose `new PolicyPack` prints the gRPC port on stdout.
 */
export async function startPackProcess(
  options: { packDir?: string; startTimeoutMs?: number } = {},
): Promise<PackProcessDriver> {
  const pack = await startPolicyPack(options.packDir ?? PACK_DIR, {
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  return {
    ...driverOver(pack.client.transport),
    pid: pack.process.pid,
    port: pack.process.port,
    stderr: () => pack.process.output(),
    stop: () => pack.close(),
  };
}

import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { decodeFindings, type AnalyzerDriver } from "./driver";
import { analyzeRequest, analyzeStackRequest, configureRequest, type FixtureResource, type PackConfigFile } from "./requests";

export const PACK_DIR = path.resolve(__dirname, "../..");

/**
 * The engine address the CLI passes first. run-policy-pack drops it (`argv._.shift()` in
 * @pulumi/pulumi/cmd/run-policy-pack/index.js) and the pack never dials it, so nothing needs to
 * listen there; an unroutable port makes that visible.
 */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";

export interface PackProcess extends AnalyzerDriver {
  readonly pid: number;
  readonly port: number;
  /** What the pack wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Start the pack exactly as the Pulumi CLI does: `node <@pulumi/pulumi>/cmd/run-policy-pack
 * <engine> <pack dir>` with the pack directory as working directory. run-policy-pack registers
 * ts-node (vendored 7.0.1, with the repo's typescript) and requires index.ts, whose
 * `new PolicyPack` prints the gRPC port on stdout. NODE_OPTIONS is cleared: a loader such as tsx
 * in it would hand ts-node already-compiled JavaScript.
 */
export async function startPackProcess(options: { packDir?: string; startTimeoutMs?: number } = {}): Promise<PackProcess> {
  const packDir = options.packDir ?? PACK_DIR;
  const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [runPolicyPack, UNUSED_ENGINE_ADDRESS, packDir], { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => fail(new Error(`the pack printed no port within ${options.startTimeoutMs ?? 60_000} ms`)), options.startTimeoutMs ?? 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\nstderr:\n${stderr}`));
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0]!;
      if (stdout.includes("\n")) {
        clearTimeout(timer);
        if (/^\d+$/.test(line.trim())) resolve(Number(line.trim()));
        else fail(new Error(`the pack's first line of output is not a port: ${JSON.stringify(line)}`));
      }
    });
    child.once("exit", (code) => fail(new Error(`the pack exited with code ${code} before printing its port`)));
  });
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const unary = <Req, Res>(method: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown, request: Req) =>
    new Promise<Res>((resolve, reject) => method.call(client, request, (error, response) => (error ? reject(error) : resolve(response))));
  const info = () => unary<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
  return {
    pid: child.pid!,
    port,
    stderr: () => stderr,
    info,
    configure: async (file: PackConfigFile) => {
      await unary(client.configure, configureRequest(await info(), file));
    },
    analyze: async (resource: FixtureResource) => decodeFindings(await unary(client.analyze, analyzeRequest(resource))),
    analyzeStack: async (resources: readonly FixtureResource[]) =>
      decodeFindings(await unary(client.analyzeStack, analyzeStackRequest(resources))),
    stop: async () => {
      client.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stackLocation } from "@platform/aws-mocks";
import { readStackConfig } from "@platform/config/stack-files";
import { type ProgramCommand, languageHostCommand } from "./command";
import { type MockEngine, startMockEngine } from "./mock-engine";

export interface LanguageHostRunOptions {
  /** The Pulumi project directory (holding Pulumi.yaml). */
  readonly projectDir: string;
  /** The stack, which is the environment: its Pulumi.<env>.yaml supplies the config. */
  readonly env: string;
  /** Outputs of the stacks a `StackReference` may name, keyed by `org/project/env`. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /** @default "organization", the Pulumi default for individual accounts */
  readonly organization?: string;
  /** Replaces Pulumi.yaml's `runtime.options`, to show what the program needs from them. */
  readonly runtimeOptions?: Readonly<Record<string, unknown>>;
  /** @default 120000; a program that has not exited by then fails the run, naming what it waited for. */
  readonly timeoutMs?: number;
}

export interface LanguageHostRun extends Pick<MockEngine, "resources" | "transformed" | "logs"> {
  readonly command: ProgramCommand;
  readonly exitCode: number | null;
  /** What the program printed; the CLI shows its standard output as info messages. */
  readonly stdout: string;
  readonly stderr: string;
  /** The root stack's outputs, as the program registered them. */
  readonly outputs: Record<string, unknown> | undefined;
}

/**
 * Runs a project's program the way `pulumi preview` does: the language host's command line and environment,
 * config from the stack file as the engine passes it, and a ResourceMonitor and Engine on loopback ports answered
 * by the AWS mocks. Resolves when the program's process has exited, whatever its exit code.
 */
export async function runThroughLanguageHost(options: LanguageHostRunOptions): Promise<LanguageHostRun> {
  const stack = readStackConfig(options.projectDir, options.env);
  const { region, accountId } = stackLocation(stack.values);
  const engine = await startMockEngine({
    project: stack.project,
    stack: options.env,
    ...(region ? { region } : {}),
    ...(accountId ? { accountId } : {}),
    ...(options.stackOutputs ? { stackOutputs: options.stackOutputs } : {}),
  });
  // The language host always passes a folder of pipes for synchronous invokes; this SDK opens them for no call
  // (runtime/settings tryGetSyncInvokes has no caller), so an empty folder stands in for them.
  const syncDirectory = mkdtempSync(path.join(tmpdir(), "language-host-sync-"));
  try {
    const command = languageHostCommand({
      projectDir: options.projectDir,
      stack: options.env,
      organization: options.organization ?? "organization",
      config: stack.values,
      configSecretKeys: stack.secretKeys,
      dryRun: true,
      monitorAddress: engine.monitorAddress,
      engineAddress: engine.engineAddress,
      syncDirectory,
      ...(options.runtimeOptions ? { runtimeOptions: options.runtimeOptions } : {}),
    });
    const { exitCode, stdout, stderr } = await runToExit(command, options.timeoutMs ?? 120_000);
    return {
      command,
      exitCode,
      stdout,
      stderr,
      outputs: engine.stackOutputs(),
      resources: engine.resources,
      transformed: engine.transformed,
      logs: engine.logs,
    };
  } finally {
    await engine.close();
    rmSync(syncDirectory, { recursive: true, force: true });
  }
}

function runToExit(
  command: ProgramCommand,
  timeoutMs: number,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  // The CLI's own environment reaches the program; a loader smuggled in through NODE_OPTIONS by the test run
  // would hide a program that cannot start with its Pulumi.yaml's options alone.
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: { ...inherited, ...command.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the program in ${command.cwd} had not exited after ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout: output, stderr });
    });
  });
}

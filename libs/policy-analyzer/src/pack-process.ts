// Starts a policy pack the way the Pulumi CLI does for a Node.js pack: its `pulumi-analyzer-policy`
// shim runs `node <@pulumi/pulumi>/cmd/run-policy-pack <engine address> .` in the pack's folder, with
// the runtime options of PulumiPolicy.yaml as `-key=value` flags, and reads the gRPC port from the
// first line of stdout. The pack gets exactly that command line and the caller's environment, so it starts as
// under the CLI (a TypeScript pack's entry decides how it is compiled: @platform/compiled).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { withoutAnsi } from "./text";

export interface PackProcess {
  dir: string;
  port: number;
  /** The pid of the pack's parent (cli-parent.js), which ends with the pack. */
  pid: number;
  /** Everything the pack printed besides its port: its console logs and, on failure, its errors. */
  output(): string;
  /** Resolves when the process ends (after `stop`, or on its own, which is a pack error). */
  exited: Promise<string>;
  /** Ends the process (SIGTERM) and resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A folder whose node_modules serves a pack that has none of its own (a pack folder outside any
   * install): @pulumi/pulumi's run-policy-pack and the pack's imports are resolved from there.
   */
  fallbackModulesDir?: string;
  /** How long the pack may take to print its port (default 60 s). */
  startTimeoutMs?: number;
  /** Extra flags for the pack's `node`, before run-policy-pack (e.g. `--cpu-prof` for the benchmark). */
  nodeArgs?: readonly string[];
}

// Resolved through the package, not `__dirname`: this module also runs bundled from elsewhere (the offline plan).
const CLI_PARENT = require.resolve("@platform/policy-analyzer/cli-parent");
const MAX_OUTPUT = 64 * 1024;
// An upper bound for a pack that never starts, not a speed check: a TypeScript pack may be compiled (or, with a
// TypeScript entry, type-checked by ts-node) first, and a busy machine takes many times an idle one's time for it.
const START_TIMEOUT_MS = 300_000;

/**
 * run-policy-pack discards the engine address (`argv._.shift()`): packs log to their console when
 * no engine connection is configured, and the caller captures that. So no engine service is served;
 * the address is only there to keep the command line the CLI's.
 */
const ENGINE_ADDRESS = "127.0.0.1:0";

export function startPack(dir: string, options: StartOptions = {}): Promise<PackProcess> {
  const runtimeArgs = runtimeOptions(dir);
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  const fallback = options.fallbackModulesDir ?? process.cwd();
  const packRequire = createRequire(path.join(dir, "package.json"));
  const nodePath = [path.join(fallback, "node_modules"), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  let runPolicyPack: string;
  try {
    runPolicyPack = packRequire.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  } catch {
    runPolicyPack = createRequire(path.join(fallback, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  }
  const child = spawn(
    process.execPath,
    // fd 3: the pipe whose end tells the pack's parent that the caller is gone (cli-parent.js).
    [
      CLI_PARENT,
      "3",
      "--",
      process.execPath,
      ...(options.nodeArgs ?? []),
      runPolicyPack,
      ENGINE_ADDRESS,
      ".",
      ...runtimeArgs,
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        NODE_PATH: existsSync(path.join(dir, "node_modules")) ? (process.env.NODE_PATH ?? "") : nodePath,
        // What the CLI adds for a preview (analyzer_plugin.go, constructEnv). It also sets the project and
        // stack, which a pack serving every stack of a run cannot have, and the stack config, which the
        // packs here do not read.
        PULUMI_DRY_RUN: "true",
        PULUMI_NODEJS_DRY_RUN: "true",
      },
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    },
  );

  // On an orderly exit, stop the pack at once rather than waiting for it to notice the pipe.
  const stopOnExit = () => child.kill();
  process.once("exit", stopOnExit);
  child.on("close", () => process.removeListener("exit", stopOnExit));

  let output = "";
  let stdoutBuffer = "";
  let port: number | undefined;
  const append = (text: string) => {
    if (output.length < MAX_OUTPUT) output += text;
  };
  const exited = new Promise<string>((resolve) => {
    child.on("close", (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
    child.on("error", (err) => resolve(`could not start: ${err.message}`));
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`policy pack ${dir} printed no port within ${startTimeoutMs / 1000} s.\n${output}`.trimEnd()));
    }, startTimeoutMs);
    child.stderr!.on("data", (chunk: Buffer) => append(chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (port !== undefined) return append(chunk.toString());
      stdoutBuffer += chunk.toString();
      const newline = stdoutBuffer.indexOf("\n");
      if (newline < 0) return;
      const first = stdoutBuffer.slice(0, newline).trim();
      append(stdoutBuffer.slice(newline + 1));
      const parsed = Number(first);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        append(`${first}\n`);
        return;
      }
      port = parsed;
      clearTimeout(timer);
      const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      };
      resolve({ dir, port, pid: child.pid!, output: () => withoutAnsi(output).trimEnd(), exited, stop });
    });
    void exited.then((how) => {
      clearTimeout(timer);
      if (port === undefined) {
        const printed = withoutAnsi(output + stdoutBuffer).trimEnd();
        reject(
          new Error(
            `policy pack ${dir} failed to start (${how})${printed ? `:\n${printed}` : " and printed nothing."}`,
          ),
        );
      }
    });
  });
}

/** PulumiPolicy.yaml must exist (the CLI refuses a folder without it); its runtime options become flags. */
function runtimeOptions(dir: string): string[] {
  const file = path.join(dir, "PulumiPolicy.yaml");
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist, so ${dir} is not a policy pack (\`pulumi preview --policy-pack\` needs PulumiPolicy.yaml there).`,
    );
  }
  let doc: { runtime?: unknown } | null;
  try {
    doc = parseYaml(readFileSync(file, "utf8")) as { runtime?: unknown } | null;
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${(err as Error).message}`);
  }
  const runtime = doc?.runtime;
  const name = typeof runtime === "object" && runtime ? (runtime as { name?: unknown }).name : runtime;
  if (name !== "nodejs")
    throw new Error(`${file} has \`runtime: ${JSON.stringify(name)}\`; the analyzer client starts Node.js packs only.`);
  const options =
    typeof runtime === "object" && runtime ? ((runtime as { options?: Record<string, unknown> }).options ?? {}) : {};
  return Object.entries(options)
    .map(([key, value]) => [key, runtimeOptionText(value, file, key)] as const)
    .filter(([, text]) => text !== "")
    .map(([key, text]) => `-${key}=${text}`);
}

/** A runtime option becomes a `-key=value` flag, so only a scalar has a meaning; an empty value adds no flag. */
function runtimeOptionText(value: unknown, file: string, key: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(
    `${file}: \`runtime.options.${key}\` is ${JSON.stringify(value)}; a runtime option is a string, number or ` +
      `boolean (it becomes the flag -${key}=<value>). Fix: set \`${key}\` to a scalar in ${file}.`,
  );
}

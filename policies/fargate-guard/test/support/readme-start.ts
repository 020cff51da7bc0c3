import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { grpcTransport } from "@platform/policy-analyzer";
import { driverOver } from "./driver";
import { PACK_DIR, type PackProcessDriver } from "./pack-process";

const REPO_ROOT = path.resolve(PACK_DIR, "../..");
const README = path.join(PACK_DIR, "README.md");

/**
 * The commands the pack's README gives for starting it exactly as the CLI does: the indented block that
 * begins with `cd policies/fargate-guard`, comments left out.
 */
export function readmeStartCommands(): string[] {
  const lines = fs.readFileSync(README, "utf8").split("\n");
  const first = lines.indexOf("    cd policies/fargate-guard");
  if (first < 0) throw new Error(`${README}: no indented block starting with \`cd policies/fargate-guard\``);
  const block: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith("    ")) break;
    const command = line.replace(/#.*$/, "").trim();
    if (command) block.push(command);
  }
  return block;
}

/**
 * Runs the README's commands with bash from the repository root, as a user would type them, in the
 * user's environment without anything a test runner or a preload adds, and speaks to the pack on the
 * port it prints. The process group is ended on stop, so bash and node go together.
 */
export function startFromReadme(timeoutMs = 300_000): Promise<PackProcessDriver> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(NODE_OPTIONS|TS_NODE_|JEST_WORKER_ID|NODE_PATH)/.test(key)),
  );
  const child = spawn("bash", ["-c", readmeStartCommands().join("\n")], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<string>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`)),
  );
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no port from the README's start within ${timeoutMs} ms; stderr:\n${stderr}`));
      process.kill(-child.pid!, "SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(\d+)\n/.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the README's start ended (${how}) before printing a port; stderr:\n${stderr}`));
    });
  });
  return port.then((p) => {
    const transport = grpcTransport(p);
    return {
      ...driverOver(transport),
      pid: child.pid!,
      port: p,
      stderr: () => stderr + stdout.replace(/^\d+\n/, ""),
      stop: async () => {
        transport.close();
        process.kill(-child.pid!, "SIGTERM");
        await exited;
      },
    };
  });
}

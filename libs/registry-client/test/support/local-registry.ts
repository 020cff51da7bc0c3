/**
 * A real registry for tests: Debian's `docker-registry` (distribution 2.8) on a free loopback port, with
 * htpasswd Basic auth and a temporary storage directory. `.ci/run` installs the package when missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const registryBinary = "/usr/bin/docker-registry";

export interface LocalRegistry {
  /** "localhost:<port>", the host part of an image reference. */
  readonly host: string;
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  stop(): Promise<void>;
}

export async function startLocalRegistry(username = "ci-user", password = "s3cret-pa55"): Promise<LocalRegistry> {
  if (!existsSync(registryBinary)) {
    throw new Error(`${registryBinary} is missing. Fix: apt-get install -y docker-registry (.ci/run does this)`);
  }
  const dir = mkdtempSync(join(tmpdir(), "registry-"));
  const port = await freeLoopbackPort();
  writeFileSync(join(dir, "htpasswd"), bcryptHtpasswdLine(username, password));
  writeFileSync(join(dir, "config.yml"), registryConfig(dir, port));
  const child = spawn(registryBinary, ["serve", join(dir, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, child, () => log);
  } catch (error) {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: `localhost:${port}`,
    baseUrl,
    username,
    password,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function registryConfig(dir: string, port: number): string {
  return [
    "version: 0.1",
    "log: { level: warn }",
    `storage: { filesystem: { rootdirectory: ${join(dir, "data")} } }`,
    `http: { addr: "127.0.0.1:${port}" }`,
    `auth: { htpasswd: { realm: test-registry, path: ${join(dir, "htpasswd")} } }`,
    "",
  ].join("\n");
}

/** distribution's htpasswd auth accepts bcrypt only; `htpasswd -B` (apache2-utils) writes it. */
function bcryptHtpasswdLine(username: string, password: string): string {
  const result = spawnSync("htpasswd", ["-Bbn", username, password], { encoding: "utf8" });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr;
    throw new Error(`htpasswd failed (${why}). Fix: apt-get install -y apache2-utils`);
  }
  return result.stdout.trim() + "\n";
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Ready when /v2/ answers (401 without credentials is the expected answer). */
async function waitUntilReady(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/v2/`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 401 || response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry did not answer on ${baseUrl} within 15 s:\n${log()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * A temporary copy of this workspace (its own libs, projects and pack, node_modules linked to the real one's
 * packages), so promotions and their plans run on copies of the stack files and profiles, never on the real ones.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { scratchWorkspace } from "@platform/testing";
import { addAnotherService, SHOP } from "@platform/testing/src/another-service";

export const repositoryRoot = resolve(__dirname, "..", "..", "..", "..");
const promoteBin = join(repositoryRoot, "tools", "promote", "bin", "promote.js");

export interface TemporaryWorkspace {
  readonly dir: string;
  /** projects/<service>/Pulumi.<env>.yaml */
  serviceStackFile(env: string, service?: string): string;
  read(relativePath: string): string;
  write(relativePath: string, text: string): void;
  remove(): void;
}

export function copyWorkspace(): TemporaryWorkspace {
  const dir = scratchWorkspace("promote-test-");
  return {
    dir,
    serviceStackFile: (env, service = "service") => join(dir, "projects", service, `Pulumi.${env}.yaml`),
    read: (path) => readFileSync(join(dir, path), "utf8"),
    write: (path, text) => writeFileSync(join(dir, path), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Replaces the `<service>:image` line's value in a service stack file of the workspace. */
export function setServiceImage(workspace: TemporaryWorkspace, env: string, image: string, service = "service"): void {
  const path = `projects/${service}/Pulumi.${env}.yaml`;
  const text = workspace.read(path);
  const next = text.replace(new RegExp(`^(\\s*${service}:image:).*$`, "m"), `$1 ${image}`);
  if (next === text) throw new Error(`no ${service}:image line in ${path}`);
  workspace.write(path, next);
}

/** A second service beside projects/service. */
export const shop = SHOP;

/** A copy of this workspace with `shop` beside projects/service. */
export function copyWorkspaceWithShop(): TemporaryWorkspace {
  const workspace = copyWorkspace();
  addAnotherService(workspace.dir, shop);
  return workspace;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run promote -- <args> --workspace <dir>`, as a separate process like a person or a workflow runs it. */
export function runPromote(
  workspace: TemporaryWorkspace,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [promoteBin, ...args, "--workspace", workspace.dir], {
      cwd: repositoryRoot,
      // No ambient registry credentials: each test says which ones it uses.
      env: { PATH: process.env.PATH ?? "", HOME: workspace.dir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", fail);
    child.once("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export const digestA = `sha256:${"a1".repeat(32)}`;
export const digestB = `sha256:${"b2".repeat(32)}`;
export const ghcrImage = "ghcr.io/jonashackt/microservice-api-spring-boot-private";

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const WORKSPACE_ROOT = join(__dirname, "../../../..");
const NX_BIN = require.resolve("nx/bin/nx.js");

/**
 * Environment for an nx run that cannot be affected by, or affect, any other: no daemon, no cloud, and its own
 * workspace-data and cache folders (so parallel runs and earlier graphs never leak into a result).
 */
export function isolatedNxEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const scratch = mkdtempSync(join(tmpdir(), "nx-pulumi-test-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NX_DAEMON: "false",
    NX_NO_CLOUD: "true",
    NX_TUI: "false",
    NX_SKIP_NX_CACHE: "true",
    NX_WORKSPACE_DATA_DIRECTORY: join(scratch, "workspace-data"),
    NX_CACHE_DIRECTORY: join(scratch, "cache"),
    ...extra,
  };
  // The runs under test decide the org themselves; a developer's own PULUMI_ORG must not leak in.
  if (!("PULUMI_ORG" in extra)) delete env["PULUMI_ORG"];
  return env;
}

export interface NxResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the workspace's nx CLI, as CI and people do, from the workspace root. */
export function runNx(args: readonly string[], env: NodeJS.ProcessEnv): Promise<NxResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [NX_BIN, ...args],
      { cwd: WORKSPACE_ROOT, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

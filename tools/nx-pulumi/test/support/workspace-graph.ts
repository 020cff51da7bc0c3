import type { ProjectGraph } from "@nx/devkit";
import { isolatedNxEnv, WORKSPACE_ROOT } from "./nx-env";

/**
 * The real project graph of this workspace, built in-process the way `nx graph` builds it (plugins included),
 * with the daemon off and a private workspace-data folder so no stale graph can be read back. The workspace's
 * `.env` is read first, as the nx command line reads it.
 */
export async function workspaceGraph(): Promise<ProjectGraph> {
  const env = isolatedNxEnv();
  for (const key of ["NX_DAEMON", "NX_NO_CLOUD", "NX_WORKSPACE_DATA_DIRECTORY", "NX_CACHE_DIRECTORY"]) {
    process.env[key] = env[key];
  }
  const { loadRootEnvFiles } = await import("nx/src/utils/dotenv");
  loadRootEnvFiles(WORKSPACE_ROOT);
  const { createProjectGraphAsync } = await import("@nx/devkit");
  return createProjectGraphAsync({ exitOnError: false });
}

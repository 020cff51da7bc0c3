// Which Pulumi projects of a workspace are services, and which one a command means, read from the workspace's own
// files, so a tool given another workspace (promote --workspace) sees that workspace's services. The stack graph's
// list (libs/contracts) must name the same projects in this repository: tools/preflight/test/services.test.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { shownSafely } from "@platform/config/secret-values";
import { type PulumiProjectFile, readPulumiProjectFile } from "./pulumi-project-file";

/** The package every service program is built from: a project that depends on it is a service. */
export const SERVICE_COMPONENT_PACKAGE = "@platform/service-component";

export interface ServiceProject {
  /** The Pulumi project name: the stack name's middle part and the namespace of its config keys. */
  readonly name: string;
  /** Its folder, absolute. */
  readonly dir: string;
  /** Its folder relative to the workspace, `/`-separated, e.g. `projects/shop`. */
  readonly root: string;
  /** The folder of its stack files (Pulumi.yaml `stackConfigDir`, by default the project folder), absolute. */
  readonly stackDir: string;
}

/**
 * No service, an unknown one, none given where several exist, or a service's Pulumi.yaml or package.json that
 * cannot be read; the message names the file or lists the services, and says how to fix it.
 */
export class ServiceProjectError extends Error {}

/**
 * Every service project under `<workspace>/projects`, by name: a folder with a Pulumi.yaml whose package.json
 * depends on the service component. networking and registry-access are Pulumi projects too, but not services.
 */
export function findServiceProjects(workspace: string): ServiceProject[] {
  const base = join(workspace, "projects");
  if (!existsSync(base)) return [];
  const services = readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "Pulumi.yaml")))
    .filter((entry) => dependsOnServiceComponent(join(base, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(base, entry.name);
      const root = `projects/${entry.name}`;
      const project = readProjectFile(join(dir, "Pulumi.yaml"), `${root}/Pulumi.yaml`);
      return { name: project.name, dir, root, stackDir: join(dir, project.stackConfigDir ?? ".") };
    });
  return services.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The service a command acts on: `given` (the value of `flag`) when set, else the only service there is. An
 * unknown name, or no name where several services exist, is refused with the list of services.
 */
export function chooseServiceProject(workspace: string, given: string | undefined, flag = "--service"): ServiceProject {
  const services = findServiceProjects(workspace);
  const names = services.map((s) => s.name).join(", ");
  if (services.length === 0) {
    throw new ServiceProjectError(
      `No service project in ${join(workspace, "projects")}: none has a Pulumi.yaml and a package.json that ` +
        `depends on ${SERVICE_COMPONENT_PACKAGE}.\nFix: run from the workspace root, or add a service ` +
        "(npx nx g @platform/nx-pulumi:service <name>)",
    );
  }
  if (given === undefined) {
    if (services.length === 1) return services[0]!;
    throw new ServiceProjectError(
      `This workspace has ${services.length} services (${names}); say which one.\nFix: ${flag} <name>, one of ${names}`,
    );
  }
  const service = services.find((s) => s.name === given);
  if (service === undefined) {
    throw new ServiceProjectError(
      `${flag} ${JSON.stringify(shownSafely(given))} is not a service of this workspace; its services: ${names}.\n` +
        `Fix: ${flag} ${services[0]!.name}`,
    );
  }
  return service;
}

function readProjectFile(file: string, shownAs: string): PulumiProjectFile {
  try {
    return readPulumiProjectFile(file, shownAs);
  } catch (error) {
    // The reader's messages name the file, the key and the fix; only their class changes here.
    throw new ServiceProjectError((error as Error).message);
  }
}

function dependsOnServiceComponent(packageFile: string): boolean {
  if (!existsSync(packageFile)) return false;
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(packageFile, "utf8"));
  } catch {
    throw new ServiceProjectError(`${packageFile} is not valid JSON.\nFix: correct the JSON of ${packageFile}`);
  }
  const { dependencies } = (manifest ?? {}) as { dependencies?: Record<string, unknown> };
  return typeof dependencies === "object" && dependencies !== null && SERVICE_COMPONENT_PACKAGE in dependencies;
}

// Which service a command acts on, for tools that read a workspace's files (promotion, preflight).
import { existsSync } from "node:fs";
import * as path from "node:path";
import { SERVICE_PROJECTS } from "./stacks";

/** The service projects of the stack graph that have a Pulumi project under `<root>/projects`, sorted. */
export function serviceProjectsIn(root: string): string[] {
  return SERVICE_PROJECTS.filter((name) => existsSync(path.join(root, "projects", name, "Pulumi.yaml"))).sort();
}

/** A service name that is not one of the workspace's services, or none given where there is more than one. */
export class ServiceChoiceError extends Error {
  override name = "ServiceChoiceError";
}

/**
 * The service a command acts on: `given` when it is one of the workspace's services, else the only service there
 * is. `flag` is how the user names one (`--service`), for the error.
 */
export function chooseService(root: string, given: string | undefined, flag = "--service"): string {
  const services = serviceProjectsIn(root);
  const listed = services.length ? services.join(", ") : "none";
  if (given !== undefined) {
    if (services.includes(given)) return given;
    throw new ServiceChoiceError(
      `${flag} ${JSON.stringify(given)} is not a service of this workspace; the services are: ${listed} ` +
        "(SERVICE_PROJECTS in libs/contracts/src/stacks.ts, each with projects/<name>/Pulumi.yaml).",
    );
  }
  if (services.length === 1) return services[0]!;
  throw new ServiceChoiceError(
    services.length
      ? `This workspace has ${services.length} services (${listed}); name one with ${flag} <name>.`
      : "This workspace has no service project (SERVICE_PROJECTS in libs/contracts/src/stacks.ts, each with " +
          "projects/<name>/Pulumi.yaml). Add one with `npx nx g @platform/nx-pulumi:service <name> --image <ref>`.",
  );
}

import { existsSync } from "node:fs";
import { join } from "node:path";
import { WORKSPACE_ROOT } from "./support/nx-env";
import { PULUMI_PROJECTS, stackEnvironmentsOnDisk } from "./support/pulumi-projects";

// preview and up pass `--policy-pack-config <pack>/config/<env>.json`; a missing file fails only when a deploy runs.
describe("the fargate-guard pack config", () => {
  it.each(PULUMI_PROJECTS)("exists for every environment %s has a stack for", (project) => {
    const missing = stackEnvironmentsOnDisk(project).filter(
      (env) => !existsSync(join(WORKSPACE_ROOT, "policies/fargate-guard/config", `${env}.json`)),
    );
    expect(missing).toEqual([]);
  });
});

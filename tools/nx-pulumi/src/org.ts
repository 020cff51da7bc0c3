import type { PulumiProject } from "./pulumi-project";

/** The environment variable that names the org when no stack file does. */
export const ORG_ENV_VAR = "PULUMI_ORG";

/**
 * The org of each environment's stacks, from the `<project>:org` keys of the stack files.
 *
 * Stacks that read each other must live in one org (the service finds `<org>/networking/<env>` with the org
 * from its own `service:org`), so all stack files of one environment that set an org must agree; an org set in
 * any of them applies to every project's stack in that environment. An environment with no org in config gets
 * none here: the command line then takes `$PULUMI_ORG` at run time, or leaves the org to Pulumi's default.
 */
export function resolveOrgs(projects: readonly PulumiProject[]): Record<string, string | undefined> {
  const orgs: Record<string, string | undefined> = {};
  const environments = new Set(projects.flatMap((p) => p.environments));
  for (const env of environments) {
    const setters = projects.filter((p) => p.configuredOrgs[env] !== undefined);
    const distinct = [...new Set(setters.map((p) => p.configuredOrgs[env]!))];
    if (distinct.length > 1) {
      const where = setters.map((p) => `${p.stackFiles[env]} sets \`${p.name}:org\` to "${p.configuredOrgs[env]}"`);
      throw new Error(
        `The ${env} stacks disagree on their Pulumi org: ${where.join("; ")}. Stacks that reference each other ` +
          `must be in one org; set the same org in each of these files.`,
      );
    }
    orgs[env] = distinct[0];
  }
  return orgs;
}

/**
 * The `--stack` argument for `<project>/<env>`. Pulumi reads `a/b` as `<org>/<stack>`, so `<project>/<env>`
 * would name the wrong stack: without an org the argument is just `<env>`, which Pulumi resolves in the
 * project of the working directory (Pulumi.yaml) and the default org. With no org in config, the POSIX shell
 * expansion picks `$PULUMI_ORG/<project>/<env>` when that variable is set, at run time rather than when the
 * (cached) project graph was computed.
 */
export function stackArgument(project: string, env: string, org: string | undefined): string {
  if (org) return `${org}/${project}/${env}`;
  return `\${${ORG_ENV_VAR}:+$${ORG_ENV_VAR}/${project}/}${env}`;
}

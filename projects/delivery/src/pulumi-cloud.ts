// Pulumi Cloud's side: GitHub as an OIDC issuer, with one policy per subject that may exchange its token.
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { ENVIRONMENTS } from "@platform/config";
import { UPSTREAM_PROJECTS } from "@platform/contracts/stacks";
import { GITHUB_ISSUER } from "./aws-account";
import { type DeliveryConfig, type RolePurpose, subjectsIn } from "./config";
import { pulumiTeam } from "./environments";

/** The audience pulumi/auth-actions requests a GitHub token for (pulumi/auth-actions src/oauth2.ts, buildPulumiAudience). */
export const pulumiAudience = (org: string) => `urn:pulumi:org:${org}`;

/** Which Pulumi team each purpose's jobs act as, and what it may do on the environment's stacks. */
const TEAMS: Readonly<Record<RolePurpose, { team: string; permission: pulumiservice.TeamStackPermissionScope }>> = {
  deploy: { team: "deploy", permission: pulumiservice.TeamStackPermissionScope.Edit },
  drift: { team: "drift", permission: pulumiservice.TeamStackPermissionScope.Read },
  preview: { team: "drift", permission: pulumiservice.TeamStackPermissionScope.Read },
};

export function createPulumiCloud(config: DeliveryConfig): pulumi.Output<string> | undefined {
  if (!config.tokenType) return undefined; // Individual: a self-managed backend, no exchange
  const { org, tokenType } = config;
  const subjects = ENVIRONMENTS.flatMap((env) =>
    Object.entries(subjectsIn(config, env)).map(([purpose, sub]) => ({ env, purpose: purpose as RolePurpose, sub })),
  );
  if (tokenType === "team") {
    for (const env of ENVIRONMENTS)
      for (const team of ["deploy", "drift"]) {
        const name = pulumiTeam(env, team);
        const created = new pulumiservice.Team(name, {
          organizationName: org,
          teamType: "pulumi",
          name,
          displayName: name,
          description: `GitHub Actions jobs that ${team === "deploy" ? "update" : "read"} the ${env} stacks`,
        });
        const permission = team === "deploy" ? TEAMS.deploy.permission : TEAMS.drift.permission;
        for (const project of Object.keys(UPSTREAM_PROJECTS).filter((p) => p !== "delivery"))
          new pulumiservice.TeamStackPermission(
            `${name}-${project}`,
            { organization: org, team: name, project, stack: env, permission },
            { parent: created },
          );
      }
  }
  const issuer = new pulumiservice.OidcIssuer("github-actions", {
    organization: org,
    name: "github-actions",
    url: `https://${GITHUB_ISSUER}`,
    maxExpirationSeconds: 3600,
    policies: subjects.map(({ env, purpose, sub }) => ({
      decision: "allow",
      tokenType,
      rules: { aud: pulumiAudience(org), sub },
      ...(tokenType === "team"
        ? { teamName: pulumiTeam(env, TEAMS[purpose].team) }
        : { authorizedPermissions: ["standard"] }),
    })),
  });
  return issuer.id;
}

// The repository's side: environments limited to main, their variables and secrets, and main's ruleset.
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import type { DeliveryConfig, RolePurpose } from "./config";
import { type GithubEnvironment, githubEnvironments, repositoryVariables } from "./environments";

/** The pull-request gate's job name: the check main's ruleset requires (pull-request.yml, job `gate`). */
export const GATE_CHECK = "lint, typecheck, test and offline plan";

export interface GithubArgs {
  readonly config: DeliveryConfig;
  /** Role ARNs by environment and purpose. */
  readonly roles: Readonly<Record<string, Readonly<Record<RolePurpose, pulumi.Output<string>>>>>;
}

export function createGithub({ config, roles }: GithubArgs) {
  const provider = new github.Provider("github", { owner: config.owner });
  const opts = { provider };
  const repository = config.repo;
  const teamIds = new Map<string, pulumi.Output<number>>();
  const teamId = (team: string) => {
    const slug = team.split("/")[1]!;
    if (!teamIds.has(slug)) teamIds.set(slug, github.getTeamOutput({ slug, summaryOnly: true }, opts).id.apply(Number));
    return teamIds.get(slug)!;
  };
  const missingSecrets: { environment: string; secret: string }[] = [];

  const environments = githubEnvironments(config).map((env: GithubEnvironment) => {
    const environment = new github.RepositoryEnvironment(
      `env-${env.name}`,
      {
        repository,
        environment: env.name,
        // Selected branches only: no other branch's workflow, a pull request's included, can name it.
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        canAdminsBypass: false,
        ...(env.reviewers ? { reviewers: [{ teams: [teamId(env.reviewers)] }], preventSelfReview: true } : {}),
      },
      opts,
    );
    const child = { ...opts, parent: environment };
    new github.RepositoryEnvironmentDeploymentPolicy(
      `env-${env.name}-main`,
      { repository, environment: env.name, branchPattern: "main" },
      child,
    );
    for (const [variableName, value] of Object.entries(env.variables))
      new github.ActionsEnvironmentVariable(
        `env-${env.name}-${variableName}`,
        {
          repository,
          environment: env.name,
          variableName,
          value: typeof value === "string" ? value : roles[value.env]![value.role],
        },
        child,
      );
    for (const secretName of env.secrets) {
      const value = config.secretValues[secretName];
      if (value)
        new github.ActionsEnvironmentSecret(
          `env-${env.name}-${secretName}`,
          { repository, environment: env.name, secretName, plaintextValue: value },
          child,
        );
      else missingSecrets.push({ environment: env.name, secret: secretName });
    }
    return env.name;
  });
  for (const [variableName, value] of Object.entries(repositoryVariables(config)))
    new github.ActionsVariable(`repo-${variableName}`, { repository, variableName, value }, opts);

  new github.RepositoryRuleset(
    "main",
    {
      repository,
      name: "main",
      target: "branch",
      enforcement: "active",
      conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
      rules: {
        deletion: true,
        nonFastForward: true,
        pullRequest: { requireCodeOwnerReview: true, requiredApprovingReviewCount: 1, dismissStaleReviewsOnPush: true },
        requiredStatusChecks: { requiredChecks: [{ context: GATE_CHECK }], strictRequiredStatusChecksPolicy: false },
      },
    },
    opts,
  );
  // Values only a person has: the App's client ID once the App exists, the registry its credentials belong to.
  const missingVariables = [
    ...(config.promotion.appClientId ? [] : [{ environment: "(repository)", variable: "PROMOTION_APP_CLIENT_ID" }]),
    ...(config.promotion.registryHost ? [] : [{ environment: "promotion", variable: "REGISTRY_HOST" }]),
  ];
  return { environments, missingSecrets, missingVariables };
}

// The GitHub environments the workflows run in, and what each holds: one list, which the program declares and the
// tests hold the workflows to.
import { ENVIRONMENTS } from "@platform/config";
import { approvedEnvironments, type DeliveryConfig, type RolePurpose, SECRET_KEYS } from "./config";

export interface GithubEnvironment {
  readonly name: string;
  /** What runs in it, for the README's reader and the environment's description. */
  readonly purpose: string;
  /** Variables by name: the role ARN variables are filled in by the program. */
  readonly variables: Readonly<Record<string, string | { role: RolePurpose; env: string }>>;
  /** The secrets a job of it reads: set by the program from Pulumi secrets, or by a person. */
  readonly secrets: readonly string[];
  /** Team (`@owner/slug`) whose review GitHub requires, where the plan offers required reviewers. */
  readonly reviewers?: string;
}

/** The variable that holds each purpose's role ARN. */
export const ROLE_VARIABLES: Readonly<Record<RolePurpose, string>> = {
  deploy: "AWS_ROLE_ARN",
  drift: "AWS_DRIFT_ROLE_ARN",
  preview: "AWS_PREVIEW_ROLE_ARN",
};

export function githubEnvironments(config: DeliveryConfig): GithubEnvironment[] {
  const pulumi = (env: string, team: string): Record<string, string> => ({
    ...(config.tokenType === "team" ? { PULUMI_TEAM: pulumiTeam(env, team) } : {}),
    ...(config.stateBackendUrl ? { PULUMI_BACKEND_URL: config.stateBackendUrl } : {}),
  });
  const perEnvironment = ENVIRONMENTS.flatMap((env): GithubEnvironment[] => {
    const region = config.accounts[env].region;
    const withRole = (purpose: RolePurpose, team: string) => ({
      [ROLE_VARIABLES[purpose]]: { role: purpose, env },
      AWS_REGION: region,
      ...pulumi(env, team),
    });
    return [
      { name: env, purpose: `deploy.yml's pulumi up of ${env}`, variables: withRole("deploy", "deploy"), secrets: [] },
      {
        name: `${env}-drift`,
        purpose: `drift.yml's read-only checks of ${env}`,
        variables: withRole("drift", "drift"),
        secrets: [],
      },
      {
        name: `${env}-preview`,
        purpose: `a read-only pulumi preview of ${env}`,
        variables: withRole("preview", "drift"),
        secrets: [],
      },
    ];
  });
  const approvals = approvedEnvironments().map((env): GithubEnvironment => ({
    name: `${env}-approval`,
    purpose: `the approval deploy.yml waits for before ${env}`,
    variables: {},
    secrets: [],
    ...(config.requiredReviewers ? { reviewers: config.approvers[env]! } : {}),
  }));
  const promotion: GithubEnvironment = {
    name: "promotion",
    purpose: "promote.yml: the App token that opens promotion pull requests, and the registry credentials to pin a tag",
    variables: config.promotion.registryHost ? { REGISTRY_HOST: config.promotion.registryHost } : {},
    secrets: Object.values(SECRET_KEYS),
  };
  return [...perEnvironment, ...approvals, promotion];
}

/** The Pulumi team whose token a job of `env` gets when the token type is `team`. */
export const pulumiTeam = (env: string, team: string) => `${env}-${team}`;

/** Repository-level variables: the same for every job. */
export function repositoryVariables(config: DeliveryConfig): Record<string, string> {
  return {
    PULUMI_ORG: config.org,
    ...(config.tokenType ? { PULUMI_TOKEN_TYPE: config.tokenType } : {}),
    ...(config.promotion.appClientId ? { PROMOTION_APP_CLIENT_ID: config.promotion.appClientId } : {}),
  };
}

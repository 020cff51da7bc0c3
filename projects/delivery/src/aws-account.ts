// One environment's AWS account: GitHub's OIDC provider and a role per purpose, each trusting exactly one subject.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionForRegion, type PolicyDocument, secretReadPolicy } from "@platform/iam";
import type { AccountConfig, RolePurpose } from "./config";
import { DELIVERY_ROLE_PATH, deployPolicy } from "./deploy-policy";

export const GITHUB_ISSUER = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials requests (its README, "OIDC"). */
export const STS_AUDIENCE = "sts.amazonaws.com";
/** One hour: a deploy of every stack of an environment fits; a leaked token expires with it. */
export const MAX_SESSION_SECONDS = 3600;

export interface AccountArgs {
  readonly env: string;
  readonly account: AccountConfig;
  /** The `sub` each role trusts, for this environment. */
  readonly subjects: Readonly<Record<RolePurpose, string>>;
}

/** The trust of one role: GitHub's provider in this account, the audience and exactly one subject. */
export function githubTrust(providerArn: string, subject: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitHubActions",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        // A subject with `*` or `?` is a pattern, which only StringLike matches; the pack refuses it.
        Condition: /[*?]/.test(subject)
          ? {
              StringEquals: { [`${GITHUB_ISSUER}:aud`]: STS_AUDIENCE },
              StringLike: { [`${GITHUB_ISSUER}:sub`]: subject },
            }
          : { StringEquals: { [`${GITHUB_ISSUER}:aud`]: STS_AUDIENCE, [`${GITHUB_ISSUER}:sub`]: subject } },
      },
    ],
  };
}

export function createAccount(name: string, { env, account, subjects }: AccountArgs) {
  const partition = partitionForRegion(account.region) ?? "aws";
  const provider = new aws.Provider(name, { region: account.region, allowedAccountIds: [account.accountId] });
  const opts = { provider };
  const oidc = new aws.iam.OpenIdConnectProvider(
    `${name}-github`,
    { url: `https://${GITHUB_ISSUER}`, clientIdLists: [STS_AUDIENCE] },
    opts,
  );
  // Known before deployment (IAM names the provider by its host), so the pack judges the trusts at preview.
  const providerArn = `arn:${partition}:iam::${account.accountId}:oidc-provider/${GITHUB_ISSUER}`;
  const readOnly = `arn:${partition}:iam::aws:policy/ReadOnlyAccess`;
  const role = (purpose: RolePurpose, description: string) =>
    new aws.iam.Role(
      `${name}-${purpose}`,
      {
        name: `delivery-${env}-${purpose}`,
        path: DELIVERY_ROLE_PATH,
        description,
        assumeRolePolicy: JSON.stringify(githubTrust(providerArn, subjects[purpose])),
        maxSessionDuration: MAX_SESSION_SECONDS,
      },
      { ...opts, dependsOn: [oidc] },
    );
  const roles = {
    deploy: role("deploy", `pulumi up of the ${env} stacks, from GitHub environment ${env}`),
    drift: role("drift", `read-only: preview --refresh and the token check of ${env}`),
    preview: role("preview", `read-only: pulumi preview of ${env}`),
  };
  // Reading is what preview and refresh need from every role; the deploy role's writes are its own policy.
  for (const [purpose, r] of Object.entries(roles))
    new aws.iam.RolePolicyAttachment(`${name}-${purpose}-read-only`, { role: r.name, policyArn: readOnly }, opts);
  new aws.iam.RolePolicy(
    `${name}-deploy-writes`,
    {
      role: roles.deploy.name,
      policy: JSON.stringify(deployPolicy({ env, accountId: account.accountId, region: account.region, partition })),
    },
    opts,
  );
  if (account.registrySecretArns.length > 0)
    new aws.iam.RolePolicy(
      `${name}-drift-registry-tokens`,
      {
        role: roles.drift.name,
        // The daily token check reads exactly the registry secrets, and through Secrets Manager their key (prod's CMK).
        policy: JSON.stringify(
          secretReadPolicy({
            secretArns: account.registrySecretArns,
            region: account.region,
            ...(account.registryKeyArn ? { kmsKeyArn: account.registryKeyArn } : {}),
          }),
        ),
      },
      opts,
    );
  const arns = Object.fromEntries(Object.entries(roles).map(([purpose, r]) => [purpose, r.arn]));
  return { providerArn: oidc.arn, roles: arns as Record<RolePurpose, pulumi.Output<string>> };
}

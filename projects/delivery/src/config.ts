import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ConfigError,
  type ConfigSource,
  type Environment,
  ENVIRONMENTS,
  environmentDefaults,
  readConfig,
  stringKey,
  structuredKey,
} from "@platform/config";

/** The Pulumi Cloud editions, as docs/delivery-plans.md tells what each offers for OIDC token exchange. */
export const PULUMI_EDITIONS = ["individual", "team", "enterprise", "business-critical"] as const;
export type PulumiEdition = (typeof PULUMI_EDITIONS)[number];
/** What a job gets from the exchange: none (a self-managed backend), an organization token, or a team token. */
export type PulumiTokenType = "organization" | "team";

export interface AccountConfig {
  readonly accountId: string;
  readonly region: string;
  /** Full ARNs of the registry secrets the drift role may read (registry-access's `registryCredentials`). */
  readonly registrySecretArns: readonly string[];
  /** registry-access's `kmsKeyArn`, where a customer-managed key encrypts those secrets. */
  readonly registryKeyArn?: string;
}

export interface DeliveryConfig {
  readonly owner: string;
  readonly repo: string;
  /** Pulumi Cloud organization (`delivery:org`), the same org the stacks live in. */
  readonly org: string;
  /** Whether GitHub offers required reviewers on environments: Enterprise, or any public repository. */
  readonly requiredReviewers: boolean;
  readonly edition: PulumiEdition;
  /** Undefined on Pulumi Individual: no exchange, the state is in a self-managed backend. */
  readonly tokenType?: PulumiTokenType;
  readonly stateBackendUrl?: string;
  readonly accounts: Readonly<Record<Environment, AccountConfig>>;
  /** The GitHub team (`@<owner>/<slug>`) that approves each environment promotion reaches. */
  readonly approvers: Readonly<Partial<Record<Environment, string>>>;
  /** Subject of each role's trust, `<env>` standing for the environment; the defaults pin one environment. */
  readonly subjects: Readonly<Record<RolePurpose, string>>;
  readonly promotion: { readonly registryHost?: string; readonly appClientId?: string };
  /** Secret values given as Pulumi secrets, by GitHub secret name; the others are set by a person. */
  readonly secretValues: Readonly<Record<string, pulumi.Output<string>>>;
}

export const ROLE_PURPOSES = ["deploy", "drift", "preview"] as const;
export type RolePurpose = (typeof ROLE_PURPOSES)[number];

/** The `sub` each role purpose's trust names in `env`. */
export const subjectsIn = (config: DeliveryConfig, env: string): Record<RolePurpose, string> =>
  Object.fromEntries(ROLE_PURPOSES.map((p) => [p, config.subjects[p].replaceAll("<env>", env)])) as Record<
    RolePurpose,
    string
  >;

/** Environments whose stacks change only by promotion, each behind an approval: the profiles with a soak time. */
export const approvedEnvironments = (): Environment[] =>
  ENVIRONMENTS.filter((env) => environmentDefaults(env).promotionSoakHours !== undefined);

/** The secrets the workflows read, each in the one GitHub environment that holds it, by its config key. */
export const SECRET_KEYS = {
  promotionAppPrivateKey: "PROMOTION_APP_PRIVATE_KEY",
  registryUsername: "REGISTRY_USERNAME",
  registryPassword: "REGISTRY_PASSWORD",
} as const;

// GitHub: an owner is 1-39 alphanumerics or single hyphens, not at either end; a repository name is 1-100 of
// `A-Za-z0-9._-` and neither `.` nor `..`.
const REPOSITORY = z.string().regex(/^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/);
const ACCOUNT = z.string().regex(/^\d{12}$/);
const REGION = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/);
const SECRET_ARN = z
  .string()
  .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/);
const TEAM = z.string().regex(/^@[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
const account = z
  .object({
    accountId: ACCOUNT,
    region: REGION,
    registrySecretArns: z.array(SECRET_ARN).default([]),
    registryKeyArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/)
      .optional(),
  })
  .strict();
const EXAMPLE_ACCOUNT = '{ accountId: "111111111111", region: eu-central-1 }';

const specs = {
  repository: stringKey(
    REPOSITORY.optional(),
    "`<owner>/<repo>` as GitHub spells it (the owner: letters, digits and single hyphens, at most 39; the repository: letters, digits, `.`, `_`, `-`)",
    "acme/platform",
  ),
  githubPlan: stringKey(
    z.enum(["free", "pro", "team", "enterprise"]).optional(),
    "`free`, `pro`, `team` or `enterprise`",
    "team",
  ),
  repositoryVisibility: stringKey(
    z.enum(["public", "private", "internal"]).optional(),
    "`public`, `private` or `internal`",
    "private",
  ),
  pulumiEdition: stringKey(
    z.enum(PULUMI_EDITIONS).optional(),
    `one of ${PULUMI_EDITIONS.map((e) => `\`${e}\``).join(", ")}`,
    "team",
  ),
  pulumiTokenType: stringKey(
    z.enum(["organization", "team"]).optional(),
    "`organization` or `team` (Enterprise and above)",
    "organization",
  ),
  stateBackendUrl: stringKey(
    z
      .string()
      .regex(/^(s3|gs|azblob|file):\/\/\S+$/)
      .optional(),
    "a self-managed backend URL such as s3://<bucket>",
    "s3://acme-pulumi-state",
  ),
  accounts: structuredKey(
    z.record(z.string(), account).optional(),
    `one entry per environment (${ENVIRONMENTS.join(", ")}): { accountId, region, registrySecretArns?, registryKeyArn? }`,
    `{ ${ENVIRONMENTS.map((env) => `${env}: ${EXAMPLE_ACCOUNT}`).join(", ")} }`,
  ),
  approvers: structuredKey(
    z.record(z.string(), TEAM).optional(),
    "one GitHub team (`@<owner>/<team>`) per environment reached by promotion",
    `{ ${approvedEnvironments()
      .map((env) => `${env}: "@acme/${env}-approvers"`)
      .join(", ")} }`,
  ),
  subjects: structuredKey(
    z
      .object({ deploy: z.string().min(1), drift: z.string().min(1), preview: z.string().min(1) })
      .partial()
      .strict()
      .optional(),
    "an OIDC `sub` per role purpose (deploy, drift, preview), `<env>` standing for the environment",
    '{ deploy: "repo:acme/platform:environment:<env>" }',
  ),
  promotionRegistryHost: stringKey(
    z.string().min(1).optional(),
    "the registry host the promotion secrets belong to",
    "ghcr.io",
  ),
  promotionAppClientId: stringKey(
    z
      .string()
      .regex(/^Iv[0-9A-Za-z.]+$/)
      .optional(),
    "the GitHub App's client ID (`Iv…`)",
    "Iv23liExample",
  ),
  ...Object.fromEntries(
    Object.keys(SECRET_KEYS).map((key) => [key, stringKey(z.string().min(1).optional(), "a Pulumi secret", "<value>")]),
  ),
} as const;

/** The delivery stack's config; throws ConfigError listing every problem, before any resource is declared. */
export function deliveryConfig(source: ConfigSource): DeliveryConfig {
  const v = readConfig(source, "delivery", specs, (values, issue) => {
    for (const key of ["repository", "pulumiEdition", "accounts"] as const)
      if (values[key] === undefined) issue(key, "it is required: the delivery stack sets up exactly this.");
    const accounts = values.accounts ?? {};
    const missing = ENVIRONMENTS.filter((env) => !accounts[env]);
    const unknown = Object.keys(accounts).filter((env) => !(ENVIRONMENTS as readonly string[]).includes(env));
    if (values.accounts && (missing.length || unknown.length))
      issue(
        "accounts",
        `${[missing.length ? `${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no account` : "", unknown.length ? `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not an environment` : ""].filter(Boolean).join("; ")}: ` +
          `every environment (${ENVIRONMENTS.join(", ")}) needs exactly one entry.`,
      );
    const approvers = values.approvers ?? {};
    const unapproved = approvedEnvironments().filter((env) => !approvers[env]);
    if (unapproved.length)
      issue(
        "approvers",
        `${unapproved.join(", ")} ${unapproved.length === 1 ? "is" : "are"} reached by promotion and need${unapproved.length === 1 ? "s" : ""} approvers: their team owns the stack files (CODEOWNERS) and reviews deployments where GitHub offers it.`,
      );
    if (values.pulumiEdition === "individual" && !values.stateBackendUrl)
      issue("stateBackendUrl", "Pulumi Individual exchanges no OIDC token, so the jobs need a self-managed backend.");
    if (values.pulumiTokenType === "team" && ["individual", "team"].includes(values.pulumiEdition ?? ""))
      issue(
        "pulumiTokenType",
        `team tokens need Pulumi Enterprise or Business Critical; ${values.pulumiEdition} offers organization tokens.`,
        "organization",
      );
  });
  for (const key of Object.keys(SECRET_KEYS)) {
    const full = `delivery:${key}`;
    if (source.get(full) !== undefined && !source.isSecret(full))
      throw new ConfigError(source.stackFile, [
        {
          key: full,
          value: "<not shown>",
          problem: "it is plaintext in the stack file; it must be a Pulumi secret, and the value should be revoked.",
          fix: { kind: "steps", text: `pulumi config set --secret ${full} <value> --stack ${source.stack}` },
        },
      ]);
  }
  const [owner, repo] = v.repository!.split("/") as [string, string];
  const edition = v.pulumiEdition!;
  const pin = (suffix: string) => `repo:${owner}/${repo}:environment:<env>${suffix}`;
  return {
    owner,
    repo,
    org: source.get("delivery:org") ?? "organization",
    requiredReviewers: v.githubPlan === "enterprise" || v.repositoryVisibility === "public",
    edition,
    ...(edition === "individual"
      ? {}
      : { tokenType: v.pulumiTokenType ?? (edition === "team" ? "organization" : "team") }),
    ...(v.stateBackendUrl ? { stateBackendUrl: v.stateBackendUrl } : {}),
    accounts: v.accounts as Record<Environment, AccountConfig>,
    approvers: v.approvers ?? {},
    subjects: { deploy: pin(""), drift: pin("-drift"), preview: pin("-preview"), ...v.subjects },
    promotion: {
      ...(v.promotionRegistryHost ? { registryHost: v.promotionRegistryHost } : {}),
      ...(v.promotionAppClientId ? { appClientId: v.promotionAppClientId } : {}),
    },
    secretValues: Object.fromEntries(
      Object.entries(SECRET_KEYS)
        .filter(([key]) => source.get(`delivery:${key}`) !== undefined)
        .map(([key, name]) => [name, pulumi.secret(source.get(`delivery:${key}`)!)]),
    ),
  };
}

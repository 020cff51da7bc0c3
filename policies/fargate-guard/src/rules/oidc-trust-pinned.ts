import type { PolicyDocument, PolicyStatement } from "@platform/iam";
import { globMatches } from "../lib/arn-reach";
import { asList, plainJson, readDocument, statementLabel } from "../lib/iam-documents";
import { code } from "../lib/messages";
import { field } from "../lib/props";
import { IAM_ROLE, NATIVE_IAM_ROLE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";
import { explainUnknown, isUnknownValue } from "../lib/unknowns";

/** A web-identity issuer whose `sub` claim has a documented shape that names one repository and what ran. */
interface Issuer {
  readonly label: string;
  /** The provider URL without `https://`: IAM's prefix of the condition keys, and the ARN's `oidc-provider/` part. */
  readonly host: string;
  /** What a pinned `sub` looks like: one repository, then one environment or ref. */
  readonly pinned: RegExp;
  readonly form: string;
  /** The audience the trust must name, when the issuer's AWS integration documents one. */
  readonly audience?: string;
}

// GitHub: the default subject is `repo:<owner>/<repo>:` then `environment:<name>` for a job with an environment,
// else `ref:<git ref>`, or `pull_request` (https://docs.github.com/en/actions/reference/security/oidc, "Example
// subject claims"); aws-actions/configure-aws-credentials requests the audience sts.amazonaws.com
// (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws).
// GitLab: `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`, with the audience the job asks for
// in `id_tokens` (https://docs.gitlab.com/ci/cloud_services/aws/).
const ISSUERS: readonly Issuer[] = [
  {
    label: "GitHub Actions",
    host: "token.actions.githubusercontent.com",
    pinned: /^repo:[^/:]+\/[^/:]+:(environment:.+|ref:refs\/(heads|tags)\/.+)$/i,
    form: "`repo:<owner>/<repo>:environment:<name>` or `repo:<owner>/<repo>:ref:refs/heads/<branch>`",
    audience: "sts.amazonaws.com",
  },
  {
    label: "GitLab",
    host: "gitlab.com",
    pinned: /^project_path:[^:]+\/[^:]+:ref_type:(branch|tag):ref:.+$/i,
    form: "`project_path:<group>/<project>:ref_type:branch:ref:<branch>`",
  },
];

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const WILDCARD = /[*?]/;
const PROVIDER_ARN = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/i;

/** Stands for a provider ARN that is unknown in this preview (an output of the provider the stack creates). */
const UNKNOWN_PROVIDER = "the provider's ARN, unknown in this preview";

const UNKNOWN_TRUST =
  "The trust policy is built from values this preview does not know (an `apply` over outputs that are unknown " +
  "until deployment), so whether a web-identity provider may assume the role could not be checked.";

export const oidcTrustPinned = defineResourceRule({
  name: "oidc-trust-pinned",
  description:
    "Checks that a role trusted by GitHub's or GitLab's OIDC provider names one repository and one environment or ref, and the audience.",
  cause:
    "An Allow statement of the role's trust policy lets `token.actions.githubusercontent.com` or `gitlab.com` (as " +
    "the `oidc-provider/` ARN or the host) call `sts:AssumeRoleWithWebIdentity`, and no `StringEquals`, " +
    "`StringEqualsIgnoreCase` or `StringLike` condition (or its `ForAnyValue:` form) on `<host>:sub` lists only exact " +
    "subjects of one repository and one environment or ref: the key is missing; a value has `*` or `?`, in the owner " +
    "or repository or after it (`repo:acme/app:*`, any branch, environment or pull request of one repository, is " +
    "refused too); a value has another shape (`repo:acme/app:pull_request`); or the operator is `ForAllValues:` or " +
    "`…IfExists`, true for a token without the claim. Or no such condition on `<host>:aud` lists exact values " +
    "(for GitHub, `sts.amazonaws.com`).",
  rationale:
    "Without a `sub` pin, any workflow on GitHub, of any owner, can assume the role: the trust checks only that " +
    "GitHub signed the token. The values of one key are alternatives, so one wide value opens the role whatever " +
    "the others say. A pin to one environment lets that environment's branch policy and reviewers decide who " +
    "deploys; a pin to a repository alone lets every branch and pull request of it. The audience keeps a token " +
    "minted for another service from being replayed here.",
  notCovered:
    "Other web-identity providers (EKS, Terraform Cloud, Cognito, Google, GitHub Enterprise Server hosts); pins " +
    "on other claims (`job_workflow_ref`, customised subject templates of other shapes); Deny statements that " +
    "narrow an Allow; `sts:TagSession` and `sts:SetSourceIdentity`; the provider's own client ID list.",
  fix:
    'Set `"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:<owner>/<repo>:environment:<name>", ' +
    '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}` on the statement (or ' +
    "`repo:<owner>/<repo>:ref:refs/heads/<branch>` for a job without an environment); list each exact subject the " +
    "role serves rather than a pattern. Give the trust as an object, or as text built from values known at preview: " +
    "text built in an `apply` over an unknown (the new provider's ARN) cannot be judged before deployment, while in " +
    "an object the provider's ARN alone may be unknown.",
  enforcementLevel: "mandatory",
  resourceTypes: [IAM_ROLE, NATIVE_IAM_ROLE],
  references: [
    "GitHub Docs: OpenID Connect reference, example subject claims (https://docs.github.com/en/actions/reference/security/oidc)",
    "GitHub Docs: Configuring OpenID Connect in Amazon Web Services (https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws)",
    "IAM user guide: Configuring a role for GitHub OIDC identity provider (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub)",
    "GitLab Docs: Configure OpenID Connect in AWS (https://docs.gitlab.com/ci/cloud_services/aws/)",
    "Checkov CKV_AWS_358",
  ],
  check({ type, props, report }) {
    const path = type === IAM_ROLE ? "assumeRolePolicy" : "assumeRolePolicyDocument";
    const { trust, unknownProvider } = explainUnknown(() => readTrust(path, props[path]), UNKNOWN_TRUST);
    if (trust === undefined) return;
    for (const problem of problemsOf(trust, unknownProvider)) report(problem);
  },
});

interface ReadTrust {
  readonly trust: PolicyDocument | undefined;
  /** Why a provider stands as UNKNOWN_PROVIDER: rethrown for a statement whose issuer its conditions do not name. */
  readonly unknownProvider?: Error;
}

/**
 * The trust document. Given as an object, its one common unknown, the provider's ARN (an output of the provider
 * the same stack creates), stands as UNKNOWN_PROVIDER, since the condition keys name the issuer too. Any other
 * unknown, or a trust given as text built in an apply, is rethrown: not judged.
 */
function readTrust(path: string, raw: unknown): ReadTrust {
  try {
    return { trust: readDocument({ path, raw }) };
  } catch (error) {
    if (!isUnknownValue(error) || typeof raw !== "object" || raw === null) throw error;
    const listed = field(raw, "Statement");
    const statements = (Array.isArray(listed) ? (listed as unknown[]) : [listed]).map((statement) => {
      if (typeof statement !== "object" || statement === null) return statement; // not IAM's shape: readDocument says so
      let principal: unknown;
      try {
        principal = plainJson(field(statement, "Principal"));
      } catch (unknown) {
        if (!isUnknownValue(unknown)) throw unknown;
        principal = { Federated: UNKNOWN_PROVIDER };
      }
      // Throws at any other unknown.
      const rest = Object.keys(statement).filter((key) => key !== "Principal");
      return {
        ...Object.fromEntries(rest.map((key) => [key, plainJson(field(statement, key))])),
        Principal: principal,
      };
    });
    return {
      trust: readDocument({ path, raw: { Version: plainJson(field(raw, "Version")), Statement: statements } }),
      unknownProvider: error,
    };
  }
}

/** readDocument returns one object per distinct document, so a trust shared by many roles and calls is judged once. */
const judgedDocuments = new WeakMap<PolicyDocument, readonly string[]>();

function problemsOf(trust: PolicyDocument, unknownProvider?: Error): readonly string[] {
  let problems = judgedDocuments.get(trust);
  if (problems === undefined) {
    problems = trust.Statement.flatMap((statement, index) => statementProblems(statement, index, unknownProvider));
    judgedDocuments.set(trust, problems);
  }
  return problems;
}

function statementProblems(statement: PolicyStatement, index: number, unknownProvider?: Error): string[] {
  // Federated first: most roles trust a service, and the action match builds regular expressions.
  const federated = asList(field(statement.Principal, "Federated") as string | string[] | undefined);
  if (federated.length === 0 || statement.Effect !== "Allow" || !allowsWebIdentity(statement)) return [];
  return federated.flatMap((principal) => {
    if (typeof principal !== "string") return [];
    const host =
      principal === UNKNOWN_PROVIDER
        ? conditionHost(statement, unknownProvider)
        : (principal.match(PROVIDER_ARN)?.[1] ?? principal.replace(/^https:\/\//i, "")).toLowerCase();
    // GitHub Enterprise Cloud's own issuer adds a path: `token.actions.githubusercontent.com/<enterprise>`.
    const issuer = ISSUERS.find((candidate) => [host, host.split("/")[0]].includes(candidate.host));
    if (issuer === undefined) return [];
    const provider = principal === UNKNOWN_PROVIDER ? principal : code(principal);
    const where = `Trust policy ${statementLabel(statement, index)} lets ${issuer.label} (${provider}) assume the role`;
    return [subjectProblem(statement, host, issuer), audienceProblem(statement, host, issuer)]
      .filter((problem) => problem !== undefined)
      .map((problem) => `${where}, but ${problem}`);
  });
}

/**
 * The issuer a statement with an unknown provider names in its condition keys (`<host>:sub`). None: the provider
 * could be GitHub's with no condition at all, so the unknown is rethrown (not judged).
 */
function conditionHost(statement: PolicyStatement, unknownProvider: Error | undefined): string {
  const hosts = Object.values(statement.Condition ?? {}).flatMap((block) =>
    Object.keys(block ?? {}).map((key) => key.toLowerCase().replace(/:[^:]*$/, "")),
  );
  const named = hosts.find((host) => ISSUERS.some((issuer) => [host, host.split("/")[0]].includes(issuer.host)));
  if (named === undefined && unknownProvider !== undefined) throw unknownProvider;
  return named ?? "";
}

/** The statement's Action (or NotAction) admits sts:AssumeRoleWithWebIdentity, wildcards included. */
function allowsWebIdentity(statement: PolicyStatement): boolean {
  const matches = (pattern: string) => globMatches(pattern, WEB_IDENTITY, true);
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some(matches);
  return asList(statement.Action).some(matches);
}

interface ConditionValues {
  readonly operator: string;
  readonly values: readonly string[];
  /** StringLike: `*` and `?` are wildcards; in StringEquals they are characters. */
  readonly glob: boolean;
  /** Why this operator pins nothing, whatever its values. */
  readonly unsafe?: string;
}

/** The positive string conditions on `key` (case-insensitive, as IAM reads keys). Negations narrow nothing here. */
function conditionsOn(statement: PolicyStatement, key: string): ConditionValues[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, block]) => {
    const entry = Object.entries(block ?? {}).find(([name]) => name.toLowerCase() === key);
    const base = operator.toLowerCase().replace(/^forAnyValue:/i, "");
    const kind = base.replace(/^forallvalues:/, "").replace(/ifexists$/, "");
    if (entry === undefined || !["stringequals", "stringequalsignorecase", "stringlike"].includes(kind)) return [];
    const unsafe = base.startsWith("forallvalues:")
      ? `${code(operator)} is true for a token that has no such claim (use \`StringEquals\`)`
      : base.endsWith("ifexists")
        ? `${code(operator)} is true for a token that has no such claim (drop \`IfExists\`)`
        : undefined;
    const values = asList(entry[1]).filter((value) => typeof value === "string");
    return [{ operator, values, glob: kind === "stringlike", ...(unsafe ? { unsafe } : {}) }];
  });
}

function subjectProblem(statement: PolicyStatement, host: string, issuer: Issuer): string | undefined {
  const key = `${host}:sub`;
  const conditions = conditionsOn(statement, key);
  if (conditions.length === 0) {
    return `it has no condition on ${code(key)}: every ${issuer.label} workflow of any owner can assume it. Pin it to ${issuer.form}.`;
  }
  // Condition blocks are ANDed: one that pins is enough. Otherwise the first one's first wide value is the finding.
  const problems = conditions.map((condition) => conditionProblem(condition, issuer));
  if (problems.some((problem) => problem === undefined)) return undefined;
  return `${problems[0]}. Pin ${code(key)} to ${issuer.form}, one exact value for each subject the role serves.`;
}

function conditionProblem(condition: ConditionValues, issuer: Issuer): string | undefined {
  if (condition.unsafe !== undefined) return condition.unsafe;
  if (condition.values.length === 0) return `${code(condition.operator)} lists no subject`;
  for (const value of condition.values) {
    if (condition.glob && WILDCARD.test(value)) {
      // The repository is the first two `:`-separated fields (`repo:<owner>/<repo>`, `project_path:<path>`).
      const repository = value.split(":").slice(0, 2).join(":");
      return WILDCARD.test(repository) || !value.startsWith(`${repository}:`)
        ? `${code(condition.operator)} value ${code(value)} matches more than one repository`
        : `${code(condition.operator)} value ${code(value)} matches more than one environment, ref or pull ` +
            `request of ${code(repository)}`;
    }
    if (!issuer.pinned.test(value))
      return `${code(condition.operator)} value ${code(value)} is not of the form ${issuer.form}`;
  }
  return undefined;
}

function audienceProblem(statement: PolicyStatement, host: string, issuer: Issuer): string | undefined {
  const key = `${host}:aud`;
  const conditions = conditionsOn(statement, key);
  const expected = issuer.audience ?? "<the audience your jobs request>";
  const exact = (condition: ConditionValues) =>
    condition.unsafe === undefined &&
    condition.values.length > 0 &&
    condition.values.every(
      (value) =>
        !(condition.glob && WILDCARD.test(value)) &&
        (issuer.audience === undefined || value.toLowerCase() === issuer.audience),
    );
  if (conditions.some(exact)) return undefined;
  const shown = conditions.flatMap((condition) => condition.values).map((value) => code(value));
  const got = shown.length === 0 ? `it has no condition on ${code(key)}` : `${code(key)} allows ${shown.join(", ")}`;
  return `${got}: add \`"StringEquals": {${JSON.stringify(key)}: ${JSON.stringify(expected)}}\`.`;
}

import { kmsKeyPolicyDelegatingToIam, type PolicyDocument, type PolicyStatement } from "@platform/iam";
import { AccessEvaluationError, evaluateAccess } from "@platform/iam/access";
import { globMatches, widenVariables } from "./arn-reach";

/**
 * What a grant really reaches, judged the way IAM judges it, not by how the statement is spelt. An action only ever matches
 * resources of its own service, so `kms:Decrypt` and `secretsmanager:GetSecretValue` in one statement
 * over `[secret ARN, key ARN]` (AWS's documented execution-role statement) grants nothing on the
 * "other" ARN. A pattern reaches an action's resources only when it is `*` or an ARN whose service
 * (possibly a wildcard, `arn:aws:*:…`) can be that service.
 */

const wildcard = /[*?]/;

/** The ARN segments partition, service, region, account, resource; undefined for `*` and non-ARNs. */
function segments(pattern: string): string[] | undefined {
  const parts = pattern.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [parts[1]!, parts[2]!, parts[3]!, parts[4]!, parts.slice(5).join(":")];
}

/**
 * true when `pattern` can match a resource of `service`. A string that is neither `*` nor an ARN
 * counts as reaching it: IAM refuses such a policy, and the rule should say so rather than pass it.
 */
export function canReachService(pattern: string, service: string): boolean {
  if (widenVariables(pattern) === "*") return true;
  const parts = segments(widenVariables(pattern));
  return parts === undefined ? true : globMatches(parts[1]!, service, true);
}

/** Concrete values a probe prefers for each segment; a resource that exists nowhere in the stack. */
const probeDefaults: Record<string, string> = {
  secretsmanager: "secret:fargate-guard-probe-Zz9Zz9",
  kms: "key/00000000-0000-4000-8000-00000000beef",
};
const probeRegion = "us-east-1";
const probeAccount = "111122223333";

/**
 * A concrete ARN of `service` that `pattern` matches: a resource the grant reaches besides the ones
 * it names exactly. Each wildcard segment takes the probe default when the pattern admits it, or
 * the pattern with its wildcards filled in. Undefined when no ARN can be formed (a non-ARN string).
 */
export function probeArn(written: string, service: string): string | undefined {
  const pattern = widenVariables(written);
  const resource = probeDefaults[service] ?? "fargate-guard-probe";
  if (pattern === "*") return `arn:aws:${service}:${probeRegion}:${probeAccount}:${resource}`;
  const parts = segments(pattern);
  if (parts === undefined) return undefined;
  const preferred = ["aws", service, probeRegion, probeAccount, resource];
  const concrete = parts.map((segment, index) => {
    if (!wildcard.test(segment)) return segment;
    const candidate = preferred[index]!;
    if (globMatches(segment, candidate, index === 1)) return candidate;
    return segment.replace(/\*/g, "fargate-guard-probe").replace(/\?/g, "x");
  });
  return `arn:${concrete.join(":")}`;
}

/**
 * The document as it can act at its widest: an Allow's conditions may hold, so they are dropped, and a policy
 * variable in its Resource may stand for anything, so it becomes `*`; a Deny with conditions or variables may
 * not apply, so it is dropped. What the rest allows, it surely allows.
 */
export function widestReading(document: PolicyDocument): PolicyDocument {
  const statements = document.Statement.flatMap((statement): PolicyStatement[] => {
    if (statement.Effect === "Deny") {
      const variable = JSON.stringify([statement.Resource, statement.NotResource]).includes("${");
      return statement.Condition === undefined && !variable ? [statement] : [];
    }
    const { Condition: _ignored, ...unconditional } = statement;
    if (typeof unconditional.Resource === "string")
      return [{ ...unconditional, Resource: widenVariables(unconditional.Resource) }];
    if (Array.isArray(unconditional.Resource))
      return [{ ...unconditional, Resource: unconditional.Resource.map(widenVariables) }];
    return [unconditional];
  });
  return { ...document, Statement: statements };
}

/**
 * true when the whole document (Deny, NotAction and NotResource included, evaluated by
 * @cloud-copilot/iam-simulate) allows `action` on `resource`. A request the simulator refuses
 * counts as allowed: the rule then reports the grant as written instead of passing it unjudged.
 */
export function documentAllows(document: PolicyDocument, action: string, resource: string): Promise<boolean> {
  // Documents come from readDocument, one object per distinct text: each question about one is simulated once.
  let answers = decisions.get(document);
  if (answers === undefined) {
    answers = new Map();
    decisions.set(document, answers);
  }
  const key = `${action}\n${resource}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = simulate(document, action, resource);
    answers.set(key, answer);
  }
  return answer;
}

const decisions = new WeakMap<PolicyDocument, Map<string, Promise<boolean>>>();

async function simulate(document: PolicyDocument, action: string, resource: string): Promise<boolean> {
  const service = action.split(":")[0]!.toLowerCase();
  const named = resource.split(":")[4] ?? "";
  const account = /^\d{12}$/.test(named) ? named : probeAccount;
  // KMS reads the key policy first; the default one delegates to IAM, so the identity policy decides.
  const resourcePolicy =
    service === "kms" ? { resourcePolicy: kmsKeyPolicyDelegatingToIam({ accountId: account }) } : {};
  try {
    const decision = await evaluateAccess({
      identityPolicies: [widestReading(document)],
      action,
      resource,
      ...resourcePolicy,
    });
    return decision.allowed;
  } catch (error) {
    if (error instanceof AccessEvaluationError) return true;
    throw error;
  }
}

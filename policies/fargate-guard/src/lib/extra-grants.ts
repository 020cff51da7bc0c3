import {
  kmsKeyPolicyDelegatingToIam,
  parseArn,
  PULL_THROUGH_IMPORT_ACTIONS,
  pullThroughPrefixOf,
  type PolicyDocument,
  type PolicyStatement,
} from "@platform/iam";
import { AccessEvaluationError, type EvaluateAccess } from "@platform/iam/access";
import { expandedActions } from "./action-grants";
import { reach, widenVariables, type Reach } from "./arn-reach";
import { widestReading } from "./effective-grants";
import type { ExecutionRoleSubject } from "./execution-roles";
import { grantClassOf, type GrantClass } from "./grant-classes";
import { asList, readDocument, statementLabel } from "./iam-documents";
import { code } from "./messages";
import {
  CONTAINER_HOST_TYPES,
  IAM_POLICY,
  IAM_ROLE_POLICY,
  NATIVE_ROLE_TYPES,
  NATIVE_TASK_DEFINITION,
  ROLE_ATTACHMENT_TYPES,
} from "./resource-types";
import { RESOURCE_POLICY_TYPES } from "./resource-policy-grants";
import type { UnknownDeferral } from "./unknowns";
import { UPSTREAM_STACK } from "./upstream-roles";

/**
 * What a rule judging an execution role's extra grants reads: the roles and their policies (aws and
 * aws-native), the task definitions that name the roles, and the stack references that bring other stacks' roles.
 */
export const EXTRA_GRANT_RESOURCE_TYPES = [
  ...ROLE_ATTACHMENT_TYPES,
  IAM_ROLE_POLICY,
  IAM_POLICY,
  ...CONTAINER_HOST_TYPES,
  UPSTREAM_STACK,
  ...NATIVE_ROLE_TYPES,
  NATIVE_TASK_DEFINITION,
  ...RESOURCE_POLICY_TYPES,
];

/** What one Allow statement grants an execution role beyond ECS's needs, in one class, as IAM would allow it. */
export interface ExtraGrant {
  readonly urn: string;
  /** "Policy `api-execution.inlinePolicies[0]` statement #1", for messages. */
  readonly where: string;
  /** The statement's action patterns that grant it (`*`, `s3:*`, a NotAction list); "" when written out as actions. */
  readonly through: string;
  /** The concrete actions allowed, in IAM's canonical case (for `beyond-needs`: the first one found). */
  readonly actions: readonly string[];
  /** The statement's resources on which they are allowed. */
  readonly resources: readonly string[];
  /** Where it is removed, appended to "remove it" (the subject's owner, or the document's own). */
  readonly owner: string;
}

type JudgedClass = Exclude<GrantClass, "needed">;

const probePrincipal = "arn:aws:iam::111122223333:role/fargate-guard-probe";
/** The simulator's refusals that mean "this action never acts on such a resource": IAM grants nothing there. */
const grantsNothing = ["must.use.wildcard", "no.resource.types"];

/**
 * The grants of `subject`'s own documents in class `wanted`, one per Allow statement (for `beyond-needs`, one
 * per action pattern, naming one action it allows as the example). Each action is expanded from the statement's
 * Action or NotAction by @cloud-copilot/iam-expand, and kept only when the role's documents together (their
 * Denies included, read at their widest as secret-access-least-privilege does) allow it, per
 * @cloud-copilot/iam-simulate, on a resource the statement reaches. `allowedActions` (lower case) are not judged.
 */
export async function extraGrants(
  subject: ExecutionRoleSubject,
  wanted: JudgedClass,
  allowedActions: ReadonlySet<string>,
  evaluate: EvaluateAccess,
  cachePrefixes: readonly string[] = [],
): Promise<ExtraGrant[]> {
  const readable = subject.documents.flatMap((declared) => {
    const document = readDocument(declared);
    // A document that is not IAM's shape is secret-access-least-privilege's finding.
    return document === undefined ? [] : [{ declared, document }];
  });
  const inEffect = [...readable.map((entry) => entry.document), ...subject.alsoApplying].map(widestReading);
  const surelyDenied = await deniedEverywhere(inEffect);
  const principal = subject.principalArn ?? probePrincipal;
  const allows = async (action: string, resource: string) => {
    if (readsTaskSecret(action, resource, subject.secretSources)) return false; // ECS reads `secrets` with the role
    if (importsThroughCache(action, resource, cachePrefixes)) return false; // ECS pulls through ECR's cache with the role
    const reached = await reach(resource, action);
    return reached !== "none" && (await allowsOn(inEffect, action, reached, principal, evaluate));
  };
  const grants: ExtraGrant[] = [];
  for (const { declared, document } of readable) {
    for (const [index, statement] of document.Statement.entries()) {
      if (statement.Effect !== "Allow") continue;
      const resources = statement.NotResource === undefined ? asList(statement.Resource) : ["*"];
      const candidates = async (patterns: readonly string[]) =>
        (await statementActions(statement, patterns)).filter(
          (action) =>
            grantClassOf(action) === wanted && !allowedActions.has(action.toLowerCase()) && !surelyDenied(action),
        );
      const base = {
        urn: declared.urn,
        where: `Policy ${code(declared.path)} ${statementLabel(statement, index)}`,
        owner: declared.owner ?? subject.owner,
      };
      if (wanted === "beyond-needs") {
        for (const pattern of patternsOf(statement)) {
          const example = await firstAllowed(await candidates(pattern.list), resources, allows);
          if (example !== undefined) grants.push({ ...base, through: pattern.label, ...example });
        }
        continue;
      }
      const found = await allAllowed(await candidates(asList(statement.Action)), resources, allows);
      if (found.actions.length > 0)
        grants.push({ ...base, through: await patternsGranting(statement, found.actions), ...found });
    }
  }
  return grants;
}

const serviceOf = (action: string): string => action.split(":")[0]!.toLowerCase();

const importActions = new Set(PULL_THROUGH_IMPORT_ACTIONS.map((action) => action.toLowerCase()));

/**
 * true when `action` on `pattern` is what a pull through ECR's pull-through cache asks of the pulling role: an import
 * action on exactly the repositories of one prefix the stack knows as a cache's (`repository/<prefix>/*`), never on
 * `repository/*`, `*` or another prefix.
 */
export function importsThroughCache(action: string, pattern: string, cachePrefixes: readonly string[]): boolean {
  const prefix = pullThroughPrefixOf(pattern);
  return importActions.has(action.toLowerCase()) && prefix !== undefined && cachePrefixes.includes(prefix);
}

/** The actions with which ECS reads a task's `secrets` from Parameter Store (Secrets Manager's are `needed`). */
const parameterReads = new Set(["ssm:getparameters"]);

/**
 * true when `action` on `pattern` is ECS reading exactly a parameter the task's `secrets` name (`valueFrom`: a full
 * ARN, or a name in the task's own region and account), which the task cannot start without.
 */
export function readsTaskSecret(action: string, pattern: string, sources: readonly string[]): boolean {
  if (!parameterReads.has(action.toLowerCase()) || /[*?]/.test(widenVariables(pattern))) return false;
  const arn = parseArn(pattern);
  return sources.some(
    (source) =>
      source === pattern ||
      (!source.startsWith("arn:") &&
        arn?.service === "ssm" &&
        arn.resource === `parameter/${source.replace(/^\//, "")}`),
  );
}

/** The statement's action patterns, each with its label: each Action entry, or the NotAction list as one. */
function patternsOf(statement: PolicyStatement): { label: string; list: string[] }[] {
  if (statement.NotAction !== undefined) {
    return [{ label: `NotAction ${JSON.stringify(statement.NotAction)}`, list: asList(statement.NotAction) }];
  }
  return asList(statement.Action).map((pattern) => ({ label: pattern, list: [pattern] }));
}

/** The labels of the statement's patterns that grant any of `actions`, for messages; "" when they are those actions. */
async function patternsGranting(statement: PolicyStatement, actions: readonly string[]): Promise<string> {
  const labels: string[] = [];
  for (const pattern of patternsOf(statement)) {
    const covered = await statementActions(statement, pattern.list);
    if (actions.some((action) => covered.includes(action))) labels.push(pattern.label);
  }
  // Actions written out need no "through".
  return labels.every((label) => actions.includes(label)) ? "" : labels.join(", ");
}

/** The concrete actions `patterns` (entries of the statement's Action) cover; for NotAction, all it does not exclude. */
async function statementActions(statement: PolicyStatement, patterns: readonly string[]): Promise<readonly string[]> {
  if (statement.NotAction === undefined) return expandedActions(patterns);
  const excluded = new Set((await expandedActions(asList(statement.NotAction))).map((a) => a.toLowerCase()));
  return (await expandedActions(["*"])).filter((action) => !excluded.has(action.toLowerCase()));
}

async function firstAllowed(
  actions: readonly string[],
  resources: readonly string[],
  allows: (action: string, resource: string) => Promise<boolean>,
): Promise<{ actions: string[]; resources: string[] } | undefined> {
  for (const action of actions) {
    const on = await allowedResources(action, resources, allows);
    if (on.length > 0) return { actions: [action], resources: on };
  }
  return undefined;
}

async function allAllowed(
  actions: readonly string[],
  resources: readonly string[],
  allows: (action: string, resource: string) => Promise<boolean>,
): Promise<{ actions: string[]; resources: string[] }> {
  const found = { actions: [] as string[], resources: new Set<string>() };
  for (const action of actions) {
    const on = await allowedResources(action, resources, allows);
    if (on.length === 0) continue;
    found.actions.push(action);
    on.forEach((resource) => found.resources.add(resource));
  }
  return { actions: found.actions, resources: [...found.resources] };
}

async function allowedResources(
  action: string,
  resources: readonly string[],
  allows: (action: string, resource: string) => Promise<boolean>,
): Promise<string[]> {
  const on: string[] = [];
  for (const resource of resources) {
    if (await allows(action, resource)) on.push(resource);
  }
  return on;
}

/**
 * true when the documents allow `action` on the resource `reached` stands for: `*` is asked as `*`, any other
 * pattern as a concrete ARN it matches (arn-reach's probe). A request the simulator refuses because the action never
 * acts on such a resource grants nothing; any other refusal, or a pattern that is no ARN, counts as allowed, so the
 * grant is reported as written rather than passed unjudged.
 */
async function allowsOn(
  documents: readonly PolicyDocument[],
  action: string,
  reached: Exclude<Reach, "none">,
  principalArn: string,
  evaluate: EvaluateAccess,
): Promise<boolean> {
  if (reached === "unreadable") return true;
  const service = serviceOf(action);
  const resource = reached.probe;
  const account = parseArn(resource)?.accountId ?? "";
  const inAccount = /^\d{12}$/.test(account);
  // The identity side is what is judged: a resource of another account is asked as if it trusted the role's
  // account (its own policy is not in this stack), so the principal is put in the resource's account.
  const principal = inAccount ? {} : { principalArn };
  const resourcePolicy = inAccount ? delegatingResourcePolicy(service, account) : undefined;
  try {
    const request = { identityPolicies: documents, action, resource, ...principal };
    return (await evaluate(resourcePolicy === undefined ? request : { ...request, resourcePolicy })).allowed;
  } catch (error) {
    if (!(error instanceof AccessEvaluationError)) throw error;
    return !grantsNothing.some((reason) => error.message.includes(reason));
  }
}

/**
 * KMS and STS always read the resource's own policy (a key policy, a role's trust policy), which is not in the
 * stack. Each is given the one that delegates to the account's IAM policies (KMS's default key policy, and its
 * like for a role), so the identity policy decides, as it does for a resource of a service without one.
 */
function delegatingResourcePolicy(service: string, accountId: string): PolicyDocument | undefined {
  if (service !== "kms" && service !== "sts") return undefined;
  const keyPolicy = kmsKeyPolicyDelegatingToIam({ accountId });
  return service === "kms"
    ? keyPolicy
    : { ...keyPolicy, Statement: keyPolicy.Statement.map((statement) => ({ ...statement, Action: "sts:*" })) };
}

/**
 * The actions an unconditional Deny on every resource takes away, whatever else the documents say. Only a
 * shortcut past simulating thousands of actions (`Action: "*"` beside `Deny NotAction [...]`): an action it
 * does not remove is still judged by the simulator.
 */
async function deniedEverywhere(documents: readonly PolicyDocument[]): Promise<(action: string) => boolean> {
  const rules: ((action: string) => boolean)[] = [];
  for (const statement of documents.flatMap((document) => document.Statement)) {
    if (statement.Effect !== "Deny" || statement.Condition !== undefined) continue;
    if (statement.NotResource !== undefined || !asList(statement.Resource).includes("*")) continue;
    const listed = new Set(
      (await expandedActions(asList(statement.NotAction ?? statement.Action))).map((a) => a.toLowerCase()),
    );
    const notAction = statement.NotAction !== undefined;
    rules.push((action) => listed.has(action.toLowerCase()) !== notAction);
  }
  return (action) => rules.some((rule) => rule(action));
}

/**
 * Every execution role subject of the stack with its grants of class `wanted`: what both execution-role grant rules
 * walk. A role with a document unknown during preview is left to `unknowns`, which reports it as the SDK does.
 */
export async function extraGrantsOfStack(
  subjects: readonly ExecutionRoleSubject[],
  wanted: JudgedClass,
  allowedActions: ReadonlySet<string>,
  evaluate: EvaluateAccess,
  unknowns: UnknownDeferral,
  /** The pull-through cache prefixes the stack knows (`pullThroughCachesOf`), whose import grants ECS needs. */
  cachePrefixes: readonly string[] = [],
): Promise<{ subject: ExecutionRoleSubject; grant: ExtraGrant }[]> {
  const found: { subject: ExecutionRoleSubject; grant: ExtraGrant }[] = [];
  for (const subject of subjects) {
    await unknowns.attemptAsync(async () => {
      for (const grant of await extraGrants(subject, wanted, allowedActions, evaluate, cachePrefixes))
        found.push({ subject, grant });
    });
  }
  return found;
}

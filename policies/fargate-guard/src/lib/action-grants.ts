import { expandActions } from "@platform/iam/access";
import type { PolicyStatement } from "@platform/iam";
import { asList } from "./iam-documents";

/**
 * Which of `wanted` an Allow statement grants, with wildcards expanded by @platform/iam
 * (@cloud-copilot/iam-expand). `Action: "secretsmanager:Get*"` grants GetSecretValue;
 * `NotAction: ["iam:*"]` grants every action it does not match. Expansions are cached: the same
 * few action lists recur across a stack, and expanding "*" walks every AWS service.
 */
export async function grantedActions(
  statement: PolicyStatement,
  wanted: readonly string[],
): Promise<Map<string, string>> {
  const granted = new Map<string, string>();
  if (statement.NotAction !== undefined) {
    const excluded = await expandCached(asList(statement.NotAction));
    for (const action of wanted) {
      if (!excluded.has(action.toLowerCase())) granted.set(action, `NotAction ${JSON.stringify(statement.NotAction)}`);
    }
    return granted;
  }
  for (const pattern of asList(statement.Action)) {
    const expanded = await expandCached([pattern]);
    for (const action of wanted) {
      if (!granted.has(action) && expanded.has(action.toLowerCase())) granted.set(action, pattern);
    }
  }
  return granted;
}

/** The concrete actions a list of action patterns covers, in IAM's canonical case (cached, see grantedActions). */
export function expandedActions(actions: readonly string[]): Promise<readonly string[]> {
  return cached(canonicalCache, actions, (list) => list);
}

const canonicalCache = new Map<string, Promise<readonly string[]>>();
const lowerCaseCache = new Map<string, Promise<Set<string>>>();
const maxCacheEntries = 2_000;

function expandCached(actions: readonly string[]): Promise<Set<string>> {
  return cached(lowerCaseCache, actions, (list) => new Set(list.map((action) => action.toLowerCase())));
}

function cached<T>(
  cache: Map<string, Promise<T>>,
  actions: readonly string[],
  shape: (list: string[]) => T,
): Promise<T> {
  const key = actions.join("\n");
  let result = cache.get(key);
  if (result === undefined) {
    if (cache.size >= maxCacheEntries) cache.clear();
    result = expandActions(actions).then(shape);
    cache.set(key, result);
  }
  return result;
}

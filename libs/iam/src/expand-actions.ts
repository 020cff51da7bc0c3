import { expandIamActions } from "@cloud-copilot/iam-expand";

/**
 * Expand wildcard actions ("secretsmanager:Get*", "*") to the concrete actions they cover, with
 * @cloud-copilot/iam-expand and its bundled (offline) service reference data.
 * Async because iam-expand is. Results are de-duplicated, sorted and in IAM's canonical case
 * ("secretsmanager:getsecretvalue" becomes "secretsmanager:GetSecretValue"); a lone "*" expands
 * to every action of every service; actions or services that do not exist are dropped, as they
 * grant nothing in IAM either.
 */
export async function expandActions(actions: string | readonly string[]): Promise<string[]> {
  const list = typeof actions === "string" ? [actions] : [...actions];
  const expanded = await expandIamActions(list, { expandAsterisk: true });
  return [...new Set(expanded)].sort();
}

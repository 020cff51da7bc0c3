// `aws.iam.getPolicyDocument` renders its statements to IAM JSON in the provider (terraform-provider-aws,
// internal/service/iam/policy_document_data_source.go): `sid`, `effect` (default Allow), `actions`/`notActions`,
// `resources`/`notResources`, `principals`/`notPrincipals` by type, `conditions` by test and variable. A list of one
// is written as a plain string, as the provider writes it. `sourcePolicyDocuments` and `overridePolicyDocuments`
// merge whole statements by Sid.
import type { Inputs } from "./resource-builders";

type Json = Record<string, unknown>;

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);

function principals(value: unknown): Json | string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const byType: Record<string, string[]> = {};
  for (const p of value as Inputs[]) {
    const type = String(p["type"]);
    (byType[type] ??= []).push(...list(p["identifiers"]));
  }
  if (byType["*"]?.includes("*")) return "*";
  return Object.fromEntries(Object.entries(byType).map(([type, ids]) => [type, oneOrMany(ids.sort())]));
}

function statement(s: Inputs): Json {
  const out: Json = {};
  if (s["sid"]) out["Sid"] = s["sid"];
  out["Effect"] = s["effect"] ?? "Allow";
  const put = (key: string, values: unknown) => {
    const items = list(values);
    if (items.length) out[key] = oneOrMany(items);
  };
  put("Action", s["actions"]);
  put("NotAction", s["notActions"]);
  put("Resource", s["resources"]);
  put("NotResource", s["notResources"]);
  const principal = principals(s["principals"]);
  if (principal !== undefined) out["Principal"] = principal;
  const notPrincipal = principals(s["notPrincipals"]);
  if (notPrincipal !== undefined) out["NotPrincipal"] = notPrincipal;
  if (Array.isArray(s["conditions"]) && s["conditions"].length) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const c of s["conditions"] as Inputs[]) {
      (condition[String(c["test"])] ??= {})[String(c["variable"])] = oneOrMany(list(c["values"]));
    }
    out["Condition"] = condition;
  }
  return out;
}

function statementsOf(document: unknown): Json[] {
  if (typeof document !== "string") return [];
  const parsed = JSON.parse(document) as { Statement?: Json | Json[] };
  return Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
}

/** The getPolicyDocument result: `json` and `minifiedJson` of the rendered document. */
export function policyDocument(inputs: Inputs): Json {
  const merged: Json[] = list(inputs["sourcePolicyDocuments"]).flatMap(statementsOf);
  const bySid = (add: Json) => {
    const at = add["Sid"] === undefined ? -1 : merged.findIndex((s) => s["Sid"] === add["Sid"]);
    if (at >= 0) merged[at] = add;
    else merged.push(add);
  };
  for (const s of Array.isArray(inputs["statements"]) ? (inputs["statements"] as Inputs[]) : []) bySid(statement(s));
  for (const s of list(inputs["overridePolicyDocuments"]).flatMap(statementsOf)) bySid(s);
  const document: Json = { Version: inputs["version"] ?? "2012-10-17" };
  if (inputs["policyId"]) document["Id"] = inputs["policyId"];
  document["Statement"] = merged;
  const json = JSON.stringify(document, null, 2);
  return { id: String(hash(json)), json, minifiedJson: JSON.stringify(document) };
}

/** The provider's ID is a hash of the JSON (a string of digits); any stable number does. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) >>> 0;
  return h;
}

// `${{ }}` evaluated by GitHub's own evaluator (@actions/expressions), with the job status functions a runner
// supplies (success, failure, always, cancelled), given as extension functions.
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import type { FunctionDefinition } from "@actions/expressions/funcs/info";
import { truthy } from "@actions/expressions/result";
import { Expression, type Mapping, type Value } from "./workflows";

export interface Status {
  /** Whether an earlier step (or, for a job's `if:`, a job it needs, transitively) failed. */
  readonly failed: boolean;
}

export type Contexts = Record<string, unknown>;

const statusFunctions = (status: Status): FunctionDefinition[] => [
  { name: "success", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!status.failed) },
  { name: "failure", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failed) },
  { name: "always", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
  { name: "cancelled", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(false) },
];

function evaluateData(expression: string, contexts: Contexts, status: Status): data.ExpressionData {
  const functions = statusFunctions(status);
  const tokens = new Lexer(expression).lex().tokens;
  const tree = new Parser(tokens, Object.keys(contexts), functions).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, new Map(functions.map((f) => [f.name, f]))).evaluate();
}

/** An `if:` condition. GitHub wraps one that names no status function in `success() && (...)`. */
export function condition(expression: string, contexts: Contexts, status: Status): boolean {
  const named = /\b(success|failure|always|cancelled)\s*\(/.test(expression);
  const full = named ? expression : `success() && (${expression})`;
  return truthy(evaluateData(full, contexts, status));
}

/** A value with its expressions evaluated, as plain JSON. Strings stay strings, as GitHub passes them to steps. */
export function evaluateValue(value: Value, contexts: Contexts, status: Status = { failed: false }): unknown {
  if (value instanceof Expression) {
    return JSON.parse(JSON.stringify(evaluateData(value.expression, contexts, status), data.replacer)) as unknown;
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, contexts, status));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateValue(v, contexts, status)]));
  }
  return value;
}

/** A mapping of env or `with:` values as the strings a step receives. */
export function evaluateStrings(values: Mapping, contexts: Contexts, status?: Status): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, asString(evaluateValue(value, contexts, status))]),
  );
}

/** How GitHub turns an expression's result into a string: null is "", numbers, booleans and objects as JSON. */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

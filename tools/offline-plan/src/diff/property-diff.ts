// The changed properties between two values, as paths with the old and the new value. Nested objects
// and arrays are followed down to what changed; strings holding JSON (IAM policies, ECS container
// definitions) are compared as JSON, not as text; an IAM policy document is compared statement by
// statement, so a change shows as the one statement that changed; secrets show only that they changed.
import { isObject, masked, sameValue, Secret, SECRET_TEXT } from "./display-value";

export interface PropertyChange {
  /** `containerDefinitions[name=app].image`, `policy.Statement[Sid=ReadSecret]`, `tags.team` */
  path: string;
  kind: "added" | "removed" | "changed";
  /** Old and new values as shown: plain JSON with secrets as `[secret]`; absent for added/removed. */
  old?: unknown;
  new?: unknown;
  /** The value is (or was) secret: only the fact that it changed is shown. */
  secret: boolean;
}

export function propertyChanges(oldValue: unknown, newValue: unknown, path = ""): PropertyChange[] {
  const changes: PropertyChange[] = [];
  compare(path, oldValue, newValue, changes);
  return changes;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function compare(path: string, a: unknown, b: unknown, out: PropertyChange[]): void {
  if (sameValue(a, b)) return;
  if (a === undefined) return void out.push(entry(path, "added", undefined, b));
  if (b === undefined) return void out.push(entry(path, "removed", a, undefined));
  if (a instanceof Secret || b instanceof Secret) return void out.push(entry(path, "changed", a, b));
  const [jsonA, jsonB] = [parsedJson(a), parsedJson(b)];
  if (jsonA !== undefined && jsonB !== undefined) return compare(path, jsonA, jsonB, out);
  if (isObject(a) && isObject(b)) {
    if (isPolicyDocument(a) && isPolicyDocument(b)) return comparePolicies(path, a, b, out);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(join(path, key), a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) return compareArrays(path, a, b, out);
  out.push(entry(path, "changed", a, b));
}

function entry(path: string, kind: PropertyChange["kind"], a: unknown, b: unknown): PropertyChange {
  const secret = a instanceof Secret || b instanceof Secret;
  return {
    path,
    kind,
    ...(a !== undefined ? { old: secret ? SECRET_TEXT : masked(a) } : {}),
    ...(b !== undefined ? { new: secret ? SECRET_TEXT : masked(b) } : {}),
    secret,
  };
}

/** A string that holds a JSON object or array, parsed; anything else undefined. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Arrays of named objects (ECS container definitions, port mappings by name) are matched by name, so
 * inserting a container does not show every later one as changed; other arrays by position.
 */
function compareArrays(path: string, a: unknown[], b: unknown[], out: PropertyChange[]): void {
  const names = (items: unknown[]) =>
    items.every((i) => isObject(i) && typeof i.name === "string")
      ? items.map((i) => (i as { name: string }).name)
      : null;
  const [namesA, namesB] = [names(a), names(b)];
  if (namesA && namesB && new Set(namesA).size === a.length && new Set(namesB).size === b.length) {
    for (const name of new Set([...namesA, ...namesB])) {
      compare(`${path}[name=${name}]`, a[namesA.indexOf(name)], b[namesB.indexOf(name)], out);
    }
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) compare(`${path}[${i}]`, a[i], b[i], out);
}

const isPolicyDocument = (value: Record<string, unknown>): boolean =>
  "Statement" in value && (Array.isArray(value.Statement) || isObject(value.Statement));

/**
 * Statements are the unit a reviewer reads: a changed statement is shown whole, old and new. Statements
 * are matched by `Sid` when they have one, otherwise an unchanged statement is found wherever it moved,
 * and what is left is paired by position.
 */
function comparePolicies(
  path: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  out: PropertyChange[],
): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key !== "Statement") compare(join(path, key), a[key], b[key], out);
  }
  const statements = (doc: Record<string, unknown>) =>
    (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as unknown[];
  const [oldStatements, newStatements] = [statements(a), statements(b)];
  const sid = (s: unknown) => (isObject(s) && typeof s.Sid === "string" && s.Sid ? s.Sid : null);
  const at = (i: number, s: unknown) => `${join(path, "Statement")}[${sid(s) ? `Sid=${sid(s)}` : i}]`;

  const unmatchedNew = new Set(newStatements.keys());
  const unmatchedOld: number[] = [];
  oldStatements.forEach((statement, i) => {
    const same = [...unmatchedNew].find((j) => sameValue(statement, newStatements[j]));
    const bySid = sid(statement) ? [...unmatchedNew].find((j) => sid(newStatements[j]) === sid(statement)) : undefined;
    const match = same ?? bySid;
    if (match === undefined) return void unmatchedOld.push(i);
    unmatchedNew.delete(match);
    if (!sameValue(statement, newStatements[match]))
      out.push(entry(at(match, statement), "changed", statement, newStatements[match]));
  });
  for (const i of unmatchedOld) {
    const partner = sid(oldStatements[i])
      ? undefined
      : [...unmatchedNew].find((j) => j === i && !sid(newStatements[j]));
    if (partner === undefined) {
      out.push(entry(at(i, oldStatements[i]), "removed", oldStatements[i], undefined));
      continue;
    }
    unmatchedNew.delete(partner);
    out.push(entry(at(partner, newStatements[partner]), "changed", oldStatements[i], newStatements[partner]));
  }
  for (const j of unmatchedNew) out.push(entry(at(j, newStatements[j]), "added", undefined, newStatements[j]));
}

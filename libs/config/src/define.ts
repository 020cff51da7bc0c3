import { z } from "zod";
import { ConfigError, type ConfigIssue } from "./errors";
import type { Fix } from "./fix";
import { nearest } from "./nearest";
import type { ConfigSource } from "./source";

/** How one config key is read and what a user is told when it is wrong. */
export interface KeySpec<T> {
  /** `string` keys are taken verbatim; `json` keys (numbers, booleans, objects) are parsed as the CLI encodes them. */
  readonly kind: "string" | "json";
  readonly schema: z.ZodType<T>;
  /** What is allowed, as a phrase: "an integer from 1 to 65535". */
  readonly allowed: string;
  /** A value to show in the fix command; a function when the valid value depends on the environment. */
  readonly example: string | ((stack: string) => string);
  /** Structured values are edited in the stack file, not with `pulumi config set`. */
  readonly editInStackFile?: boolean;
}

type Example = KeySpec<unknown>["example"];
export const stringKey = <T>(schema: z.ZodType<T>, allowed: string, example: Example): KeySpec<T> => ({
  kind: "string",
  schema,
  allowed,
  example,
});
export const jsonKey = <T>(schema: z.ZodType<T>, allowed: string, example: Example): KeySpec<T> => ({
  kind: "json",
  schema,
  allowed,
  example,
});
/** A list or object: the fix shows the YAML to put in the stack file. */
export const structuredKey = <T>(schema: z.ZodType<T>, allowed: string, exampleYaml: Example): KeySpec<T> => ({
  kind: "json",
  schema,
  allowed,
  example: exampleYaml,
  editInStackFile: true,
});

export const intIn = (min: number, max: number) => z.number().int().min(min).max(max);

type Parsed<S extends Record<string, KeySpec<unknown>>> = { [K in keyof S]: S[K] extends KeySpec<infer T> ? T : never };

/**
 * Reads and validates every key of one namespace, collecting all problems before failing, so a single run
 * reports everything wrong. `cross` adds checks between keys (e.g. CPU and memory) once each key is valid.
 */
export function readConfig<S extends Record<string, KeySpec<unknown>>>(
  source: ConfigSource,
  namespace: string,
  specs: S,
  cross?: (values: Parsed<S>, issue: (key: keyof S & string, problem: string, example?: string) => void) => void,
  /** Keys of this namespace read elsewhere (e.g. a registry's token key), so they are not unknown. */
  alsoKnown: (key: string) => boolean = () => false,
): Parsed<S> {
  const issues: ConfigIssue[] = unknownKeys(source, namespace, Object.keys(specs), alsoKnown);
  const fixCommand = (key: string, given: Example): Fix => {
    const example = typeof given === "function" ? given(source.stack) : given;
    const fullKey = `${namespace}:${key}`;
    return specs[key]?.editInStackFile
      ? { kind: "edit", key: fullKey, yaml: example, stackFile: source.stackFile }
      : { kind: "set", key: fullKey, value: example, stack: source.stack };
  };
  const values: Record<string, unknown> = {};

  for (const [key, spec] of Object.entries(specs)) {
    const fullKey = `${namespace}:${key}`;
    const raw = source.get(fullKey);
    let value: unknown = raw;
    if (raw !== undefined && spec.kind === "json") {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw; // not JSON: the schema reports it as the wrong type, showing what the user typed
      }
    }
    const result = spec.schema.safeParse(value);
    if (!result.success) {
      const detail = result.error.issues[0];
      const where = detail && detail.path.length ? ` (at ${detail.path.join(".")}: ${detail.message})` : "";
      // A custom check's own message says exactly what is wrong ("must be lowercase (try ...)"): show it.
      const own =
        detail && !detail.path.length && detail.code === "custom" ? `${detail.message.replace(/\.$/, "")}; ` : "";
      issues.push({
        key: fullKey,
        value,
        problem: `${own}expected ${spec.allowed}${where}.`,
        fix: fixCommand(key, spec.example),
      });
      continue;
    }
    values[key] = result.data;
  }

  if (!issues.length && cross) {
    cross(values as Parsed<S>, (key, problem, example) =>
      issues.push({
        key: `${namespace}:${key}`,
        value: values[key],
        problem,
        fix: fixCommand(key, example ?? specs[key]!.example),
      }),
    );
  }
  if (issues.length) throw new ConfigError(source.stackFile, issues);
  return values as Parsed<S>;
}

/** Namespaces a project's stack file may use besides its own: the providers' settings. */
const PROVIDER_NAMESPACES = ["aws", "awsx", "pulumi"];
/** Read for every project by the offline plan and the stack name, whatever the project's schema. */
const COMMON_KEYS = ["org"];

/**
 * Keys the schema does not read are errors, not silently ignored: a misspelt key (`service:desiredcount`)
 * would otherwise leave the default in place, and a misspelt namespace (`servce:cpu`) too.
 */
function unknownKeys(
  source: ConfigSource,
  namespace: string,
  known: string[],
  alsoKnown: (key: string) => boolean,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const knownKeys = [...known, ...COMMON_KEYS];
  for (const fullKey of source.keys()) {
    const colon = fullKey.indexOf(":");
    const [ns, key] = [fullKey.slice(0, colon), fullKey.slice(colon + 1)];
    if (ns === namespace) {
      if (knownKeys.includes(key) || alsoKnown(key)) continue;
      const match = nearest(key, knownKeys);
      issues.push({
        key: fullKey,
        value: source.isSecret(fullKey) ? "<secret, not shown>" : source.get(fullKey),
        problem:
          `\`${namespace}\` has no key \`${key}\`, so it would be ignored.${match ? ` Did you mean \`${namespace}:${match}\`?` : ""} ` +
          `Known keys: ${known.map((k) => `\`${k}\``).join(", ")}.`,
        fix: match
          ? { kind: "rename", key: fullKey, to: `${namespace}:${match}`, stackFile: source.stackFile }
          : { kind: "remove", key: fullKey, stackFile: source.stackFile },
      });
    } else if (!PROVIDER_NAMESPACES.includes(ns)) {
      const match = nearest(ns, [namespace, ...PROVIDER_NAMESPACES]);
      issues.push({
        key: fullKey,
        value: source.isSecret(fullKey) ? "<secret, not shown>" : source.get(fullKey),
        problem:
          `no one reads the namespace \`${ns}\` in this project; its keys are \`${namespace}:<key>\`, and provider settings are ` +
          `${PROVIDER_NAMESPACES.map((p) => `\`${p}:<key>\``).join(", ")}.${match ? ` Did you mean \`${match}:${key}\`?` : ""}`,
        fix: match
          ? { kind: "rename", key: fullKey, to: `${match}:${key}`, stackFile: source.stackFile }
          : { kind: "remove", key: fullKey, stackFile: source.stackFile },
      });
    }
  }
  return issues;
}

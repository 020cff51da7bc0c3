import { z } from "zod";
import { ConfigError, type ConfigIssue } from "./errors";
import type { ConfigSource } from "./source";

/** How one config key is read and what a user is told when it is wrong. */
export interface KeySpec<T> {
  /** `string` keys are taken verbatim; `json` keys (numbers, booleans, objects) are parsed as the CLI encodes them. */
  readonly kind: "string" | "json";
  readonly schema: z.ZodType<T>;
  /** What is allowed, as a phrase: "an integer from 1 to 65535". */
  readonly allowed: string;
  /** A value to show in the fix command. */
  readonly example: string;
  /** Structured values are edited in the stack file, not with `pulumi config set`. */
  readonly editInStackFile?: boolean;
}

export const stringKey = <T>(schema: z.ZodType<T>, allowed: string, example: string): KeySpec<T> => ({ kind: "string", schema, allowed, example });
export const jsonKey = <T>(schema: z.ZodType<T>, allowed: string, example: string): KeySpec<T> => ({ kind: "json", schema, allowed, example });
/** A list or object: the fix shows the YAML to put in the stack file. */
export const structuredKey = <T>(schema: z.ZodType<T>, allowed: string, exampleYaml: string): KeySpec<T> => ({ kind: "json", schema, allowed, example: exampleYaml, editInStackFile: true });

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
): Parsed<S> {
  const issues: ConfigIssue[] = [];
  const fixCommand = (key: string, example: string) =>
    specs[key]?.editInStackFile
      ? `set \`${namespace}:${key}\` in ${source.stackFile}, e.g. ${example}`
      : `pulumi config set ${namespace}:${key} ${example} --stack ${source.stack}`;
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
      issues.push({ key: fullKey, value, problem: `expected ${spec.allowed}${where}.`, fix: fixCommand(key, spec.example) });
      continue;
    }
    values[key] = result.data;
  }

  if (!issues.length && cross) {
    cross(values as Parsed<S>, (key, problem, example) =>
      issues.push({ key: `${namespace}:${key}`, value: values[key], problem, fix: fixCommand(key, example ?? specs[key]!.example) }),
    );
  }
  if (issues.length) throw new ConfigError(source.stackFile, issues);
  return values as Parsed<S>;
}


// Every `Fix:` a project's config schema prints is applied to the stack's real config, and the config is checked
// again: the fixed key must then pass, in the environment the Fix was printed for. Each project's own test calls
// this with its schema, so no test outside a project imports that project.
import { parse } from "yaml";
import {
  ConfigError,
  environmentDefaults,
  ENVIRONMENTS,
  readStackConfig,
  staticConfigSource,
  type ConfigSource,
} from "@platform/config";

/** A bad value for a key (or for a cross-check between keys); `<the environment's default>` is replaced. */
export type Breakage = Record<string, string>;

function applyFix(values: Record<string, string>, fix: string): void {
  const set = /^pulumi config set (\S+) (\S+) --stack \S+$/.exec(fix);
  if (set) return void (values[set[1]!] = set[2]!);
  const edit = /^set `([^`]+)` in \S+, e\.g\. (.+)$/.exec(fix);
  if (edit) return void (values[edit[1]!] = JSON.stringify(parse(edit[2]!)));
  const rename = /^rename `([^`]+)` to `([^`]+)` in /.exec(fix);
  if (rename) {
    values[rename[2]!] = values[rename[1]!]!;
    return void delete values[rename[1]!];
  }
  const remove = /^remove `([^`]+)` from /.exec(fix);
  if (remove) return void delete values[remove[1]!];
  throw new Error(`a Fix the test cannot apply, so a user could not either: ${fix}`);
}

const problemsOf = (schema: (source: ConfigSource) => unknown, env: string, values: Record<string, string>) => {
  try {
    schema(staticConfigSource(env, values));
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
};

/** Registers one test per environment and breakage: break the key, apply every printed Fix, and pass. */
export function itAppliesEveryFix(
  projectDir: string,
  schema: (source: ConfigSource) => unknown,
  breakages: Breakage[],
): void {
  const cases = ENVIRONMENTS.flatMap((env) => breakages.map((breakage) => [env, breakage] as const));
  it.each(cases)("applies the Fix printed for %s with %j, and the key then passes", (env, breakage) => {
    const values: Record<string, string> = { ...readStackConfig(projectDir, env).values };
    expect(problemsOf(schema, env, values)).toEqual([]);
    // A misspelt key carries a value that is right for the environment: only the spelling is wrong.
    const envDefault = String(environmentDefaults(env).desiredCount);
    for (const [key, value] of Object.entries(breakage)) {
      values[key] = value === "<the environment's default>" ? envDefault : value;
    }
    const issues = problemsOf(schema, env, values);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) applyFix(values, issue.fix);
    expect(problemsOf(schema, env, values)).toEqual([]);
  });
}

// Every Fix a project's config schema gives (as data: what the error message renders) is applied to the stack's
// real config, the config is checked again (the fixed key must then pass, in the environment the Fix was given
// for), and the program is planned again with it. Each project's own test calls this with its schema, so no test outside a project imports it.
import { parse } from "yaml";
import {
  ConfigError,
  environmentDefaults,
  ENVIRONMENTS,
  renderFix,
  staticConfigSource,
  type Fix,
  type ConfigSource,
  type Environment,
} from "@platform/config";
import { readStackConfig } from "@platform/config-files/stack-files";
import { replanPrograms, type ProgramConfigRun, type ReplanJob, type ReplanResult } from "./replan/replan";

/** A bad value for a key (or for a cross-check between keys); `<the environment's default>` is replaced. */
export type Breakage = Record<string, string>;

/** Applies a Fix to the stack's values as the CLI would store it (structured values as JSON text). */
function applyFix(values: Record<string, string>, fix: Fix): void {
  switch (fix.kind) {
    case "set":
      values[fix.key] = fix.value;
      return;
    case "edit":
      values[fix.key] = JSON.stringify(parse(fix.yaml));
      return;
    case "rename":
      values[fix.to] = values[fix.key]!;
      delete values[fix.key];
      return;
    case "remove":
      delete values[fix.key];
      return;
    case "steps":
      throw new Error(`a Fix of steps outside the stack's config, which this test cannot apply: ${renderFix(fix)}`);
  }
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

/** Projects whose outputs this one reads through a StackReference; each runs first with its own stack file. */
export interface FixExampleOptions {
  readonly upstreamProjectDirs?: readonly string[];
}

interface FixOutcome {
  readonly problemsBefore: readonly unknown[];
  readonly printedFixes: number;
  readonly values: Record<string, string>;
  readonly secretKeys: readonly string[];
  readonly problemsAfter: readonly unknown[];
}

/** Breaks the stack's config as `breakage` says, then applies every Fix the schema prints for it. */
function applyPrintedFixes(
  projectDir: string,
  schema: (source: ConfigSource) => unknown,
  env: Environment,
  breakage: Breakage,
): FixOutcome {
  const stack = readStackConfig(projectDir, env);
  const values: Record<string, string> = { ...stack.values };
  const problemsBefore = problemsOf(schema, env, values);
  // A misspelt key carries a value that is right for the environment: only the spelling is wrong.
  const envDefault = String(environmentDefaults(env).desiredCount);
  for (const [key, value] of Object.entries(breakage)) {
    values[key] = value === "<the environment's default>" ? envDefault : value;
  }
  const issues = problemsOf(schema, env, values);
  for (const issue of issues) applyFix(values, issue.fix);
  const problemsAfter = problemsOf(schema, env, values);
  return { problemsBefore, printedFixes: issues.length, values, secretKeys: stack.secretKeys, problemsAfter };
}

const runOf = (projectDir: string, env: string): ProgramConfigRun => {
  const stack = readStackConfig(projectDir, env);
  return { projectDir, project: stack.project, env, values: stack.values, secretKeys: stack.secretKeys };
};

/**
 * Registers one test per environment and breakage: break the key, apply every printed Fix, check the config
 * again, and plan again: the project's program runs with the fixed config under the AWS mocks (upstream stacks'
 * outputs from their own programs) and must declare its resources without an error. Identical fixed configs
 * are planned once, all in one process (see replan/replan.ts).
 */
export function itAppliesEveryFix(
  projectDir: string,
  schema: (source: ConfigSource) => unknown,
  breakages: Breakage[],
  options: FixExampleOptions = {},
): void {
  const cases = ENVIRONMENTS.flatMap((env) => breakages.map((breakage) => [env, breakage] as const));
  const outcomes = new Map<string, FixOutcome | Error>();
  const replans = new Map<string, ReplanResult>();
  const caseKey = (env: string, breakage: Breakage) => JSON.stringify([env, breakage]);
  const configKey = (env: string, values: Record<string, string>) =>
    JSON.stringify([env, Object.entries(values).sort(([a], [b]) => a.localeCompare(b))]);

  beforeAll(async () => {
    const jobs = new Map<string, ReplanJob>();
    for (const [env, breakage] of cases) {
      let outcome: FixOutcome | Error;
      try {
        outcome = applyPrintedFixes(projectDir, schema, env, breakage);
      } catch (err) {
        outcome = err as Error;
      }
      outcomes.set(caseKey(env, breakage), outcome);
      if (outcome instanceof Error || outcome.problemsAfter.length) continue;
      const upstream = (options.upstreamProjectDirs ?? []).map((dir) => runOf(dir, env));
      const { project } = readStackConfig(projectDir, env);
      const job = { projectDir, project, env, values: outcome.values, secretKeys: outcome.secretKeys, upstream };
      jobs.set(configKey(env, outcome.values), job);
    }
    const results = await replanPrograms([...jobs.values()]);
    [...jobs.keys()].forEach((key, i) => replans.set(key, results[i]!));
  }, 120_000);

  it.each(cases)("applies the Fix printed for %s with %j, passes the schema, and plans again", (env, breakage) => {
    const outcome = outcomes.get(caseKey(env, breakage));
    if (outcome instanceof Error) throw outcome;
    expect(outcome!.problemsBefore).toEqual([]);
    expect(outcome!.printedFixes).toBeGreaterThan(0);
    expect(outcome!.problemsAfter).toEqual([]);
    const replan = replans.get(configKey(env, outcome!.values));
    expect(replan?.errors).toEqual([]);
    // More than the StackReferences it reads: the program got past its config and declared its own resources.
    const declared = (replan?.resourceTypes ?? []).filter((type) => type !== "pulumi:pulumi:StackReference");
    expect(declared.length).toBeGreaterThan(0);
  });
}

import { ConfigError } from "./errors";
import {
  ENVIRONMENTS,
  type Environment,
  type EnvironmentDefaults,
  environmentDefaults,
  isEnvironment,
} from "./environments";
import type { ConfigSource } from "./source";

/** The environment a stack belongs to: its short name must be one of ENVIRONMENTS. */
export function environmentOf(source: ConfigSource): Environment {
  if (isEnvironment(source.stack)) return source.stack;
  throw new ConfigError(source.stackFile, [
    {
      key: "stack name",
      value: source.stack,
      problem: `the stack name is the environment, one of ${ENVIRONMENTS.join(", ")}.`,
      fix: { kind: "steps", text: `pulumi stack init <org>/<project>/<${ENVIRONMENTS.join("|")}>` },
    },
  ]);
}

/** A stack's environment and that environment's program defaults: where every project's config starts. */
export function stackEnvironment(source: ConfigSource): { env: Environment; defaults: EnvironmentDefaults } {
  const env = environmentOf(source);
  return { env, defaults: environmentDefaults(env) };
}

import * as path from "node:path";
import { ENVIRONMENTS, ENVIRONMENT_PROFILES, type EnvironmentProfile } from "@platform/config/environments";
import { readPackConfigFile } from "@platform/config-files/pack-config-file";
import { LEVEL_EXCEPTION_KEY } from "@platform/config-files/waivers";
import type { ListenerRule } from "@platform/config-files/listener-rules";
import { serviceRulesOf } from "./service-rules";

/** The command that rewrites config/<env>.json from the profiles; drift errors print it. */
export const REGENERATE_PACK_CONFIG = "npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write";

/**
 * The pack config of one environment, as `--policy-pack-config` takes it: the profile's public image allow-list
 * for `private-image-credentials`, the listener rules of the environment's services for `listener-rules-distinct`,
 * then its level for each rule that differs by environment. A rule with settings (the allow-list, the services, a
 * level exception) gets its level as `enforcementLevel` beside them.
 */
export function packConfigOf(
  profile: EnvironmentProfile,
  services: readonly ListenerRule[] = [],
): Record<string, unknown> {
  const settings: Record<string, Record<string, unknown>> = {
    "private-image-credentials": { publicImagePrefixes: [...profile.publicImagePrefixes] },
    ...(services.length ? { "listener-rules-distinct": { services } } : {}),
  };
  for (const [rule, levelException] of Object.entries(profile.levelExceptions ?? {}))
    settings[rule] = { ...settings[rule], [LEVEL_EXCEPTION_KEY]: levelException };
  const config: Record<string, unknown> = { ...settings };
  for (const [rule, level] of Object.entries(profile.policyLevels))
    config[rule] = settings[rule] ? { enforcementLevel: level, ...settings[rule] } : level;
  return config;
}

/** The text of config/<env>.json: what the generator writes and what the drift test expects. */
export function renderPackConfigFile(profile: EnvironmentProfile, services: readonly ListenerRule[] = []): string {
  return `${JSON.stringify(packConfigOf(profile, services), null, 2)}\n`;
}

export function packConfigFile(packDir: string, env: string): string {
  return path.join(packDir, "config", `${env}.json`);
}

/** config/<env>.json of the pack, parsed, for every environment, in promotion order. */
export function loadEnvironmentConfigs(packDir: string): Array<readonly [string, Record<string, unknown>]> {
  return ENVIRONMENTS.map((env) => {
    const file = packConfigFile(packDir, env);
    return [env, readPackConfigFile(file).doc] as const;
  });
}

/** Each environment with the config text its profile and its services' stack files generate. */
export function generatedPackConfigs(): Array<readonly [string, string]> {
  const root = path.resolve(__dirname, "..", "..", "..", "..");
  return ENVIRONMENTS.map(
    (env) => [env, renderPackConfigFile(ENVIRONMENT_PROFILES[env], serviceRulesOf(root, env))] as const,
  );
}

import * as fs from "node:fs";
import * as path from "node:path";

/** The environments that have a config file, in promotion order. */
export const ENVIRONMENT_NAMES = ["dev", "staging", "prod"] as const;

/** config/<env>.json of the pack, parsed, in promotion order. */
export function loadEnvironmentConfigs(packDir: string): Array<readonly [string, Record<string, unknown>]> {
  return ENVIRONMENT_NAMES.map((env) => {
    const file = path.join(packDir, "config", `${env}.json`);
    return [env, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>] as const;
  });
}

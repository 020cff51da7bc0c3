// Before any program runs: a policy config's waivers and levels, judged by the same function as the pack's
// scripts/check-config.ts (@platform/config-files judgePackConfig), for the environment being planned.
import * as path from "node:path";
import { todayUtc } from "@platform/config/waiver";
import { readPackConfigFile, type PackConfig } from "@platform/config-files/pack-config-file";
import { judgePackConfig } from "@platform/config-files/waivers";
import { UsageError } from "../args";

/**
 * Throws a UsageError (exit 2) listing every error; returns the warnings. A file that cannot be read as a config
 * is left to the pack's start, which reports it as the CLI would.
 */
export function judgePackConfigFile(
  configFile: string,
  env: string,
  { profileLevels, today = todayUtc() }: { profileLevels: boolean; today?: string },
): string[] {
  let config: PackConfig;
  try {
    config = readPackConfigFile(configFile, path.relative(process.cwd(), configFile) || configFile);
  } catch {
    return [];
  }
  const { errors, warnings } = judgePackConfig(config, env, today, { profileLevels });
  if (errors.length) {
    throw new UsageError(`the policy pack config for ${env} is refused:\n  ${errors.join("\n  ")}`);
  }
  return warnings;
}

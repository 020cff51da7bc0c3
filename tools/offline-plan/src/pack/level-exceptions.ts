// Before any program runs: what a policy config lowers, checked by the same function as the pack's
// scripts/check-config.ts (@platform/config levelExceptionErrors), for the environment being planned.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { levelExceptionErrors, todayUtc } from "@platform/config/level-exceptions";
import { parsePolicyConfigText } from "@platform/config/policy-config-file";
import { UsageError } from "../args";

/** Throws a UsageError (exit 2) listing every problem; a file that is not JSON is left to the pack's start. */
export function checkLevelExceptions(configFile: string, env: string, today: string = todayUtc()): void {
  const shown = path.relative(process.cwd(), configFile) || configFile;
  let doc: Record<string, unknown>;
  try {
    doc = parsePolicyConfigText(readFileSync(configFile, "utf8"), shown);
  } catch {
    return;
  }
  const errors = levelExceptionErrors(doc, shown, env, today);
  if (errors.length) {
    throw new UsageError(`the policy pack config for ${env} is refused:\n  ${errors.join("\n  ")}`);
  }
}

/**
 * Validate policy pack config files before `pulumi preview --policy-pack-config` uses them:
 *   npx tsx policies/fargate-guard/scripts/check-config.ts [file ...]
 * With no files, checks config/<env>.json of every environment. Exits 1 on any error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { packConfigFile } from "../src/lib/environment-configs";
import { checkPackConfig, loweredRules } from "../src/lib/pack-config";
import { describeLowered, parsePolicyConfigText } from "@platform/config/policy-config-file";

const packDir = path.resolve(__dirname, "..");
const files = process.argv.slice(2);
const targets = files.length > 0 ? files : ENVIRONMENTS.map((env) => packConfigFile(packDir, env));

let failed = false;
for (const file of targets) {
  const shown = path.relative(process.cwd(), file) || file;
  let config: unknown;
  try {
    // The offline plan's reader: the same levels, and an empty file is no settings for both.
    config = parsePolicyConfigText(fs.readFileSync(file, "utf8"), shown);
  } catch (error) {
    console.error(`✗ ${shown}: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  // config/<env>.json: the environment is the file's name (prod refuses lowering some rules).
  const env = path.basename(file, ".json");
  const result = checkPackConfig(config, shown, env);
  if (result.ok) {
    const lowered = loweredRules(config as Record<string, unknown>);
    console.log(`✓ ${shown}${lowered.length ? ` (disables or lowers: ${describeLowered(lowered)})` : ""}`);
  } else {
    failed = true;
    for (const error of result.errors) console.error(`✗ ${error}`);
  }
}
process.exit(failed ? 1 : 0);

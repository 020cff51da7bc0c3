/**
 * Validate policy pack config files before `pulumi preview --policy-pack-config` uses them:
 *   npx tsx policies/fargate-guard/scripts/check-config.ts [file ...]
 * With no files, checks config/<env>.json of every environment; a file's environment is its name (prod.json is
 * prod's). Prints what each file lowers and which resources it exempts; exits 1 on any error.
 */
import * as path from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { readPackConfigFile, type PackConfig } from "@platform/config-files/pack-config-file";
import { describeLowered, describeSkipped, skippedResources } from "@platform/config-files/waiver-report";
import { packConfigFile } from "./lib/environment-configs";
import { checkPackConfig, loweredRules } from "./lib/check-pack-config";

const packDir = path.resolve(__dirname, "..");
const files = process.argv.slice(2);
const targets = files.length > 0 ? files : ENVIRONMENTS.map((env) => packConfigFile(packDir, env));

let failed = false;
for (const file of targets) {
  const shown = path.relative(process.cwd(), file) || file;
  let config: PackConfig;
  try {
    // The offline plan's reader: the same levels, and an empty file is no settings for both.
    config = readPackConfigFile(file, shown);
  } catch (error) {
    console.error(`✗ ${shown}: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const { errors, warnings } = checkPackConfig(config, path.basename(file, ".json"));
  for (const warning of warnings) console.error(`! ${warning}`);
  if (errors.length) {
    failed = true;
    for (const error of errors) console.error(`✗ ${error}`);
    continue;
  }
  const lowered = loweredRules(config);
  console.log(`✓ ${shown}${lowered.length ? ` (disables or lowers: ${describeLowered(lowered)})` : ""}`);
  for (const skipped of skippedResources(config)) console.log(`  ${describeSkipped(skipped)}`);
}
process.exit(failed ? 1 : 0);

/**
 * Validate policy pack config files before `pulumi preview --policy-pack-config` uses them:
 *   npx tsx policies/fargate-guard/scripts/check-config.ts [file ...]
 * With no files, checks config/dev.json, config/staging.json and config/prod.json. Exits 1 on any error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkPackConfig } from "../lib/pack-config";

const packDir = path.resolve(__dirname, "..");
const files = process.argv.slice(2);
const targets = files.length > 0 ? files : ["dev", "staging", "prod"].map((env) => path.join(packDir, "config", `${env}.json`));

let failed = false;
for (const file of targets) {
  const shown = path.relative(process.cwd(), file) || file;
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`✗ ${shown}: cannot read it as JSON: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const result = checkPackConfig(config, shown);
  if (result.ok) console.log(`✓ ${shown}`);
  else {
    failed = true;
    for (const error of result.errors) console.error(`✗ ${error}`);
  }
}
process.exit(failed ? 1 : 0);

/**
 * Validate policy pack config files before `pulumi preview --policy-pack-config` uses them:
 *   npx tsx policies/fargate-guard/scripts/check-config.ts [file ...]
 * With no files, checks config/<env>.json of every environment. Exits 1 on any error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { packConfigFile } from "../src/lib/environment-configs";
import { checkPackConfig } from "../src/lib/pack-config";

const packDir = path.resolve(__dirname, "..");
const files = process.argv.slice(2);
const targets = files.length > 0 ? files : ENVIRONMENTS.map((env) => packConfigFile(packDir, env));

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

/**
 * Generate the pack's config/<env>.json from the environment profiles (libs/config/src/environments.ts):
 *   npx tsx policies/fargate-guard/scripts/generate-env-configs.ts           list the files that differ (exit 1 if any)
 *   npx tsx policies/fargate-guard/scripts/generate-env-configs.ts --write   rewrite them
 * test/pack/config-files.test.ts fails while a file and its profile disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REGENERATE_PACK_CONFIG, generatedPackConfigs, packConfigFile } from "./lib/environment-configs";

const packDir = path.resolve(__dirname, "..");
const write = process.argv.includes("--write");
let stale = 0;
for (const [env, text] of generatedPackConfigs()) {
  const file = packConfigFile(packDir, env);
  const shown = path.relative(process.cwd(), file) || file;
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (current === text) continue;
  stale += 1;
  if (write) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`Wrote ${shown} from the ${env} profile`);
  } else {
    console.error(`${shown} differs from the ${env} profile; run: ${REGENERATE_PACK_CONFIG}`);
  }
}
if (!write && stale === 0) console.log("Every config/<env>.json matches its profile.");
process.exit(!write && stale > 0 ? 1 : 0);

/**
 * Render RULES.md's tables from the rules' metadata and config/<env>.json:
 *   npx tsx policies/fargate-guard/scripts/rules-md.ts          print the generated section
 *   npx tsx policies/fargate-guard/scripts/rules-md.ts --write  rewrite it in RULES.md
 * test/pack/rules-md.test.ts fails while RULES.md and the metadata disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadEnvironmentConfigs } from "./lib/environment-configs";
import { renderRuleTables, withGeneratedSection } from "./lib/rules-markdown";
import { allRules } from "../src/rules";

const packDir = path.resolve(__dirname, "..");
const rulesMd = path.join(packDir, "RULES.md");
const generated = renderRuleTables(allRules, loadEnvironmentConfigs(packDir));
if (process.argv.includes("--write")) {
  fs.writeFileSync(rulesMd, withGeneratedSection(fs.readFileSync(rulesMd, "utf8"), generated));
  console.log(`Rewrote the generated section of ${path.relative(process.cwd(), rulesMd)}`);
} else {
  console.log(generated);
}

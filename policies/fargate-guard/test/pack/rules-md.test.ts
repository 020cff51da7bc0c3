import * as fs from "node:fs";
import * as path from "node:path";
import { loadEnvironmentConfigs } from "../../scripts/lib/environment-configs";
import { GENERATED_BEGIN, GENERATED_END, renderRuleTables } from "../../scripts/lib/rules-markdown";
import { allRules } from "../../src/rules";

const packDir = path.resolve(__dirname, "../..");
const rulesMd = fs.readFileSync(path.join(packDir, "RULES.md"), "utf8");

describe("RULES.md", () => {
  it("agrees with every rule's metadata and the environment config files", () => {
    const section = rulesMd.slice(
      rulesMd.indexOf(GENERATED_BEGIN),
      rulesMd.indexOf(GENERATED_END) + GENERATED_END.length,
    );
    const expected = renderRuleTables(allRules, loadEnvironmentConfigs(packDir));
    // On failure: npx tsx policies/fargate-guard/scripts/rules-md.ts --write
    expect(section).toBe(expected);
  });

  it("lists every rule once, with cause, explanation, fix and default level", () => {
    for (const rule of allRules) {
      const rows = rulesMd
        .split("\n")
        .filter((line) => line.startsWith(`| \`${rule.name}\` | ${rule.metadata.cause.slice(0, 20)}`));
      expect({
        rule: rule.name,
        rows: rows.length,
        endsWithLevel: rows[0]?.endsWith(`| ${rule.metadata.enforcementLevel} |`),
      }).toEqual({
        rule: rule.name,
        rows: 1,
        endsWithLevel: true,
      });
    }
  });

  it.each(allRules.map((rule) => [rule.name, rule.metadata] as const))(
    "has complete metadata for %s",
    (_name, metadata) => {
      expect(metadata.description).toMatch(/^Checks that /);
      expect(metadata.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const text of [metadata.cause, metadata.rationale, metadata.notCovered, metadata.fix])
        expect(text.length).toBeGreaterThan(20);
      expect(metadata.resourceTypes.length).toBeGreaterThan(0);
      expect(metadata.references.length).toBeGreaterThan(0);
    },
  );
});

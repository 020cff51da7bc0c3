// Prod keeps every mandatory rule mandatory, and may lower the rules a private pull depends on only under a level
// exception. How waivers are judged is @platform/config-files' (tested there); this is what the pack adds: its
// own rules and built-in levels.
import * as path from "node:path";
import { configuredLevel, packConfigOf } from "@platform/config-files/pack-config-file";
import { PROTECTED_IN_PROD } from "@platform/config-files/waivers";
import { loadEnvironmentConfigs } from "../../scripts/lib/environment-configs";
import { checkPackConfig, loweredRules } from "../../scripts/lib/check-pack-config";
import { allRules } from "../../src/rules";

const packDir = path.resolve(__dirname, "../..");
const prod = Object.fromEntries(loadEnvironmentConfigs(packDir)).prod!;
const mandatory = allRules.filter((rule) => rule.metadata.enforcementLevel === "mandatory").map((rule) => rule.name);
const check = (doc: unknown, env = "prod", today = "2026-11-29") =>
  checkPackConfig(packConfigOf(doc, `config/${env}.json`), env, today);

it.each(mandatory)("keeps %s mandatory in prod", (rule) => {
  expect(configuredLevel(prod, rule) ?? "mandatory").toBe("mandatory");
});

it("lowers no rule in config/prod.json", () => {
  expect(loweredRules(packConfigOf(prod, "config/prod.json"))).toEqual([]);
});

it("protects rules of this pack, each mandatory by default", () => {
  for (const rule of PROTECTED_IN_PROD) expect(mandatory).toContain(rule);
});

it("accepts a protected rule lowered in prod under a level exception, and lists it with its reason and expiry", () => {
  const config = {
    "private-image-credentials": {
      enforcementLevel: "advisory",
      levelException: { reason: "vendor image moves to ECR", expires: "2027-01-31" },
    },
  };
  expect(check(config)).toEqual({ errors: [], warnings: [] });
  expect(loweredRules(packConfigOf(config, "config/prod.json"))).toEqual([
    {
      name: "private-image-credentials",
      from: "mandatory",
      to: "advisory",
      exception: { reason: "vendor image moves to ECR", expires: "2027-01-31" },
    },
  ]);
});

it("refuses a protected rule lowered in prod without one", () => {
  expect(check({ "secret-access-least-privilege": "advisory" }).errors).toEqual([
    expect.stringContaining('`secret-access-least-privilege` is advisory in prod (got "advisory")'),
  ]);
});

it("lets staging lower a protected rule, and lists it as lowered", () => {
  const config = { "private-image-credentials": "advisory" };
  expect(check(config, "staging")).toEqual({ errors: [], warnings: [] });
  expect(loweredRules(packConfigOf(config, "config/staging.json"))).toEqual([
    { name: "private-image-credentials", from: "mandatory", to: "advisory" },
  ]);
});

it("accepts remediate as the offline plan's reader does", () => {
  expect(check({ "image-digest-pinned": "remediate" })).toEqual({ errors: [], warnings: [] });
});

describe("the execution-role rules in prod", () => {
  it.each(["execution-role-least-privilege", "execution-role-no-privilege-escalation"])(
    "refuses %s lowered without a level exception, and accepts it with one",
    (rule) => {
      expect(check({ [rule]: "advisory" }).errors).toEqual([
        expect.stringContaining(`\`${rule}\` is advisory in prod (got "advisory")`),
      ]);
      const excepted = { enforcementLevel: "advisory", levelException: { reason: "r", expires: "2027-01-31" } };
      expect(check({ [rule]: excepted })).toEqual({ errors: [], warnings: [] });
    },
  );
});

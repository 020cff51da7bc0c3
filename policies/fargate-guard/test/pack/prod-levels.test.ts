// Prod keeps every mandatory rule mandatory, and may not lower the rules a private pull depends on.
import * as path from "node:path";
import { parsePolicyConfigText, policySettings } from "@platform/config/policy-config-file";
import { loadEnvironmentConfigs } from "../../src/lib/environment-configs";
import { checkPackConfig, configuredLevel, loweredRules, PROD_PROTECTED_RULES } from "../../src/lib/pack-config";
import { allRules } from "../../src/rules";

const packDir = path.resolve(__dirname, "../..");
const prod = Object.fromEntries(loadEnvironmentConfigs(packDir)).prod!;
const mandatory = allRules.filter((rule) => rule.metadata.enforcementLevel === "mandatory").map((rule) => rule.name);

it.each(mandatory)("keeps %s mandatory in prod", (rule) => {
  expect(configuredLevel(prod, rule) ?? "mandatory").toBe("mandatory");
});

it("lowers no rule in config/prod.json", () => {
  expect(loweredRules(prod)).toEqual([]);
});

it.each(
  PROD_PROTECTED_RULES.flatMap(
    (rule) =>
      [
        [rule, "advisory"],
        [rule, "disabled"],
      ] as const,
  ),
)("refuses %s set to %s in prod, and says how a level exception with a reason and expiry allows it", (rule, level) => {
  const result = checkPackConfig({ [rule]: level }, "config/prod.json", "prod", "2026-11-29");
  expect(result).toEqual({
    ok: false,
    errors: [expect.stringContaining(`\`${rule}\` is ${level} in prod (got "${level}")`)],
  });
  expect((result as { errors: readonly string[] }).errors[0]).toContain(
    `"levelException": { "reason": "<why this rule may not stop a deploy, and what ends that>", ` +
      `"expires": "2026-12-29" }`,
  );
});

it("accepts a protected rule lowered in prod under a level exception, and lists it with its reason and expiry", () => {
  const config = {
    "private-image-credentials": {
      enforcementLevel: "advisory",
      levelException: { reason: "vendor image moves to ECR", expires: "2027-01-31" },
    },
  };
  expect(checkPackConfig(config, "config/prod.json", "prod", "2026-11-29")).toEqual({ ok: true });
  expect(loweredRules(config)).toEqual([
    {
      name: "private-image-credentials",
      from: "mandatory",
      to: "advisory",
      exception: { reason: "vendor image moves to ECR", expires: "2027-01-31" },
    },
  ]);
});

it("refuses that exception once it has expired, naming the date", () => {
  const config = {
    "private-image-credentials": {
      enforcementLevel: "advisory",
      levelException: { reason: "vendor image moves to ECR", expires: "2027-01-31" },
    },
  };
  expect(checkPackConfig(config, "config/prod.json", "prod", "2027-02-01")).toEqual({
    ok: false,
    errors: [expect.stringContaining("the exception expired on 2027-01-31")],
  });
});

it("refuses `all: disabled` in prod for each protected rule", () => {
  const result = checkPackConfig({ all: "disabled" }, "config/prod.json", "prod");
  expect(result.ok ? [] : result.errors.length).toBe(PROD_PROTECTED_RULES.length);
});

it("lets staging lower a protected rule, and lists it as lowered", () => {
  const config = { "private-image-credentials": "advisory" };
  expect(checkPackConfig(config, "config/staging.json", "staging")).toEqual({ ok: true });
  expect(loweredRules(config)).toEqual([{ name: "private-image-credentials", from: "mandatory", to: "advisory" }]);
});

it("accepts remediate as the offline plan's reader does", () => {
  expect(checkPackConfig({ "image-digest-pinned": "remediate" }, "config/prod.json", "prod")).toEqual({ ok: true });
  expect(policySettings({ "image-digest-pinned": "remediate" }, "x.json")).toEqual({
    "image-digest-pinned": { enforcementLevel: "remediate" },
  });
});

it("reads an empty file as no settings, as the offline plan does", () => {
  const config = parsePolicyConfigText("  \n", "config/prod.json");
  expect(config).toEqual({});
  expect(checkPackConfig(config, "config/prod.json", "prod")).toEqual({ ok: true });
});

import * as path from "node:path";
import * as fs from "node:fs";
import { ENVIRONMENTS, ENVIRONMENT_PROFILES } from "@platform/config/environments";
import {
  REGENERATE_PACK_CONFIG,
  generatedPackConfigs,
  loadEnvironmentConfigs,
  packConfigFile,
  packConfigOf,
} from "../../scripts/lib/environment-configs";
import { configuredLevel, packConfigOf as shaped } from "@platform/config-files/pack-config-file";
import { checkPackConfig } from "../../scripts/lib/check-pack-config";

const packDir = path.resolve(__dirname, "../..");
const environments = Object.fromEntries(loadEnvironmentConfigs(packDir));
const TODAY = "2026-12-01";
const check = (doc: unknown, file = "config/dev.json", env = "dev", today = TODAY) =>
  checkPackConfig(shaped(doc, file), env, today);

describe("config/<env>.json", () => {
  it("has one file per environment profile, and no file without a profile", () => {
    const onDisk = fs.readdirSync(path.join(packDir, "config")).filter((file) => file.endsWith(".json"));
    expect(onDisk.sort()).toEqual(ENVIRONMENTS.map((env) => `${env}.json`).sort());
  });

  it.each(generatedPackConfigs())("config/%s.json is what its environment profile generates", (env, generated) => {
    const onDisk = fs.readFileSync(packConfigFile(packDir, env), "utf8");
    if (onDisk !== generated) {
      throw new Error(
        `config/${env}.json differs from the ${env} profile in libs/config/src/environments.ts. Run: ${REGENERATE_PACK_CONFIG}`,
      );
    }
    expect(onDisk).toBe(generated);
  });

  it.each(Object.keys(environments))("config/%s.json is valid, with no warning", (env) => {
    expect(check(environments[env], `config/${env}.json`, env)).toEqual({ errors: [], warnings: [] });
  });

  it.each([
    ["alb-https-redirect", "advisory", "advisory", "mandatory"],
    ["image-digest-pinned", "advisory", "advisory", "mandatory"],
  ])("makes %s mandatory in prod only", (rule, dev, staging, prod) => {
    expect(["dev", "staging", "prod"].map((env) => configuredLevel(environments[env]!, rule))).toEqual([
      dev,
      staging,
      prod,
    ]);
  });

  it("writes a profile's level exception beside the level it waives, which prod accepts until it expires", () => {
    const prod = ENVIRONMENT_PROFILES.prod;
    const waiver = {
      reason: "the registry's outage plan pulls from a mirror until the vendor fixes SSO",
      expires: "2027-01-15",
    };
    const lowered = { ...prod.policyLevels, "private-image-credentials": "advisory" } as const;
    const config = packConfigOf({
      ...prod,
      policyLevels: lowered,
      levelExceptions: { "private-image-credentials": waiver },
    });
    expect(config["private-image-credentials"]).toEqual({
      enforcementLevel: "advisory",
      publicImagePrefixes: [...prod.publicImagePrefixes],
      levelException: waiver,
    });
    expect(check(config, "config/prod.json", "prod")).toEqual({ errors: [], warnings: [] });
    const expired = check(config, "config/prod.json", "prod", "2027-01-16");
    expect(expired.errors).toEqual([expect.stringContaining("expired on 2027-01-15")]);
    const unwaived = check(packConfigOf({ ...prod, policyLevels: lowered }), "config/prod.json", "prod");
    expect(unwaived.errors).toHaveLength(1);
  });

  it("rejects an unknown rule name, naming the file, the key and the rules there are", () => {
    const result = check({ "private-image-credential": "mandatory" }, "config/prod.json", "prod");
    expect(result).toEqual({
      warnings: [],
      errors: [
        expect.stringMatching(
          /^config\/prod\.json: `private-image-credential` is not a rule of fargate-guard; use one of private-image-credentials, registry-credentials-secret-arn, /,
        ),
      ],
    });
  });

  it.each([
    [
      { "private-image-credentials": { publicImagePrefixes: "docker.io/" } },
      '`private-image-credentials` `publicImagePrefixes`: Invalid input: expected array, received string (got "docker.io/")',
    ],
    [
      { "private-image-credentials": { allowList: [] } },
      "`private-image-credentials` (rule config) has unknown key(s) `allowList`; allowed: `publicImagePrefixes`, `exceptions`, `levelException`, `enforcementLevel`",
    ],
    [
      {
        "kms-key-rotation": {
          enforcementLevel: "mandatory",
          exceptions: [{ urn: "urn:pulumi:prod::x::aws:kms/key:Key::k", expires: "2026-12-31" }],
        },
      },
      "`kms-key-rotation.exceptions[0].reason` is missing",
    ],
  ])("rejects a wrong value with a clear error: %j", (config, message) => {
    expect(check(config).errors).toEqual([expect.stringContaining(`config/dev.json: ${message}`)]);
  });

  it.each([
    [{ "image-digest-pinned": "strict" }, '`image-digest-pinned` in config/dev.json is "strict"'],
    [{ all: 3 }, "`all` in config/dev.json is 3"],
  ])("leaves a level that is not one to the shared reader, which names the levels: %j", (config, message) => {
    expect(() => check(config)).toThrow(message);
  });
});

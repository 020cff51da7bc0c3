import * as path from "node:path";
import * as fs from "node:fs";
import { ENVIRONMENTS, ENVIRONMENT_PROFILES } from "@platform/config/environments";
import {
  REGENERATE_PACK_CONFIG,
  generatedPackConfigs,
  loadEnvironmentConfigs,
  packConfigFile,
  packConfigOf,
} from "../../src/lib/environment-configs";
import { checkPackConfig, configuredLevel } from "../../src/lib/pack-config";

const packDir = path.resolve(__dirname, "../..");
const environments = Object.fromEntries(loadEnvironmentConfigs(packDir));

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

  it.each(Object.keys(environments))("config/%s.json is valid", (env) => {
    expect(checkPackConfig(environments[env], `config/${env}.json`)).toEqual({ ok: true });
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
    expect(checkPackConfig(config, "config/prod.json", "prod", "2026-12-01")).toEqual({ ok: true });
    const expired = checkPackConfig(config, "config/prod.json", "prod", "2027-01-16");
    expect(!expired.ok && expired.errors).toEqual([expect.stringContaining("expired on 2027-01-15")]);
    const unwaived = checkPackConfig(packConfigOf({ ...prod, policyLevels: lowered }), "config/prod.json", "prod");
    expect(unwaived.ok).toBe(false);
  });

  it("rejects an unknown rule name, naming the file, the key and the rules there are", () => {
    const result = checkPackConfig({ "private-image-credential": "mandatory" }, "config/prod.json");
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /^config\/prod\.json: `private-image-credential` is not a rule of fargate-guard; use one of private-image-credentials, registry-credentials-secret-arn, /,
        ),
      ],
    });
  });

  it.each([
    [
      { "image-digest-pinned": "strict" },
      '`image-digest-pinned` is "strict"; a level is one of advisory, mandatory, remediate, disabled',
    ],
    [
      { "private-image-credentials": { publicImagePrefixes: "docker.io/" } },
      '`private-image-credentials` `publicImagePrefixes`: Invalid input: expected array, received string (got "docker.io/")',
    ],
    [
      { "private-image-credentials": { allowList: [] } },
      "`private-image-credentials` (rule config) has unknown key(s) `allowList`; allowed: `publicImagePrefixes`, `exceptions`, `levelException`, `enforcementLevel`",
    ],
    [
      { "kms-key-rotation": { exceptions: [{ urn: "urn:pulumi:prod::x::aws:kms/key:Key::k" }] } },
      "`kms-key-rotation` has an exception for `urn:pulumi:prod::x::aws:kms/key:Key::k` without a reason",
    ],
    [{ all: 3 }, "`all` is 3; use one of advisory, mandatory, remediate, disabled"],
  ])("rejects a wrong value with a clear error: %j", (config, message) => {
    const result = checkPackConfig(config, "config/dev.json");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringContaining(`config/dev.json: ${message}`)]);
  });
});

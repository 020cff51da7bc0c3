import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadPolicyConfigFile, reconcilePolicyConfig, type PolicyInfo } from "../src/policy-config";

const dir = mkdtempSync(path.join(tmpdir(), "offline-plan-policy-config-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const policies: PolicyInfo[] = [
  {
    name: "registry-credentials",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: { publicPrefixes: { type: "array", items: { type: "string" }, default: [] } },
      required: [],
    },
  },
  { name: "wiring-report", enforcementLevel: "advisory" },
];

describe("loadPolicyConfigFile", () => {
  it("reads a level or an object with properties and an optional level, per policy", () => {
    expect(
      loadPolicyConfigFile(
        file("a.json", '{ "all": "advisory", "x": { "enforcementLevel": "disabled", "limit": 3 } }'),
      ),
    ).toEqual({
      all: { enforcementLevel: "advisory" },
      x: { enforcementLevel: "disabled", properties: { limit: 3 } },
    });
  });

  it("treats an empty file as no config, as the CLI does", () => {
    expect(loadPolicyConfigFile(file("empty.json", "  \n"))).toEqual({});
  });

  it("names the policy and the allowed levels when a level is invalid", () => {
    expect(() => loadPolicyConfigFile(file("bad.json", '{ "x": "strict" }'))).toThrow(
      /`x` in .*bad\.json is "strict", which is not an enforcement level: use advisory, mandatory, remediate, disabled\./,
    );
  });
});

describe("reconcilePolicyConfig", () => {
  it("starts from the schema defaults and levels, then applies `all`, then each policy", () => {
    const result = reconcilePolicyConfig(
      policies,
      {},
      { all: { enforcementLevel: "advisory" }, "wiring-report": { enforcementLevel: "disabled" } },
      "f.json",
    );
    expect(result["registry-credentials"]).toEqual({
      enforcementLevel: "advisory",
      properties: { publicPrefixes: [] },
    });
    expect(result["wiring-report"]).toEqual({ enforcementLevel: "disabled" });
  });

  it("lets the file override the pack's initial config", () => {
    const result = reconcilePolicyConfig(
      policies,
      { "registry-credentials": { enforcementLevel: "advisory", properties: { publicPrefixes: ["a/"] } } },
      { "registry-credentials": { properties: { publicPrefixes: ["b/"] } } },
      "f.json",
    );
    expect(result["registry-credentials"]).toEqual({
      enforcementLevel: "advisory",
      properties: { publicPrefixes: ["b/"] },
    });
  });

  it("rejects properties that do not match the policy's schema, naming the policy and property", () => {
    expect(() =>
      reconcilePolicyConfig(
        policies,
        {},
        { "registry-credentials": { properties: { publicPrefixes: "public.ecr.aws/" } } },
        "f.json",
      ),
    ).toThrow(/Policy pack config f\.json is invalid:\n {2}- registry-credentials: `publicPrefixes`: /);
  });

  it("rejects a policy name the pack does not have, listing the ones it has", () => {
    expect(() =>
      reconcilePolicyConfig(policies, {}, { "registry-credential": { enforcementLevel: "advisory" } }, "f.json"),
    ).toThrow("registry-credential: the pack has no policy of that name (it has registry-credentials, wiring-report)");
  });
});

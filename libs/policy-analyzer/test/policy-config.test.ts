import { reconcilePolicyConfig, type PolicyInfo } from "../src/policy-config";

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

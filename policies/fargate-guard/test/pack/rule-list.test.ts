import { PolicyType } from "@pulumi/pulumi/proto/analyzer_pb";
import { startInProcessPack } from "../support/in-process";
import { levelName } from "../support/requests";

const pack = startInProcessPack();

/**
 * The pack's contract with config files and pipelines: renaming a rule or changing its built-in level is a breaking
 * change. Built in, only the registry rules the pack exists for are mandatory, so teams outside this repository
 * can adopt the pack without a wall of failures; this repository's config/<env>.json raise the hygiene rules again.
 */
const expected = [
  ["private-image-credentials", "mandatory", "resource"],
  ["registry-credentials-secret-arn", "mandatory", "resource"],
  ["secret-access-least-privilege", "mandatory", "resource"],
  ["execution-role-managed-policies", "advisory", "stack"],
  ["execution-role-can-read-registry-secret", "mandatory", "stack"],
  ["pull-through-cache-import", "mandatory", "stack"],
  ["pull-through-cache-secret", "mandatory", "stack"],
  ["execution-role-no-privilege-escalation", "mandatory", "stack"],
  ["execution-role-least-privilege", "mandatory", "stack"],
  ["listener-rules-distinct", "mandatory", "stack"],
  ["fargate-task-size", "advisory", "resource"],
  ["container-logging", "advisory", "resource"],
  ["no-secrets-in-environment", "mandatory", "resource"],
  ["separate-task-and-execution-roles", "advisory", "resource"],
  ["deployment-circuit-breaker", "advisory", "resource"],
  ["no-public-ip", "advisory", "resource"],
  ["alb-https-redirect", "advisory", "resource"],
  ["target-group-health-check", "advisory", "resource"],
  ["kms-key-rotation", "advisory", "resource"],
  ["ecs-trust-confused-deputy", "advisory", "stack"],
  ["image-digest-pinned", "advisory", "resource"],
  ["container-not-privileged", "mandatory", "resource"],
  ["no-host-namespaces", "mandatory", "resource"],
  ["no-added-capabilities", "mandatory", "resource"],
  ["container-read-only-root-filesystem", "advisory", "resource"],
  ["container-non-root-user", "advisory", "resource"],
  ["fargate-platform-version", "advisory", "resource"],
  ["deployment-alarm-rollback", "advisory", "resource"],
  ["oidc-trust-pinned", "mandatory", "resource"],
  ["deployment-traffic-shift", "mandatory", "resource"],
];

describe("the pack's rule list", () => {
  it("is exactly these rules, with these default levels, as getAnalyzerInfo reports them", async () => {
    const info = await pack.info();
    expect(info.getName()).toBe("fargate-guard");
    expect(info.getVersion()).toBe("0.1.0");
    expect(info.getSupportsconfig()).toBe(true);
    const reported = info
      .getPoliciesList()
      .map((policy) => [
        policy.getName(),
        levelName(policy.getEnforcementlevel()),
        policy.getPolicyType() === PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
      ]);
    expect(reported).toEqual(expected);
  });

  it("sends every rule's config schema, with `exceptions`, `levelException` and the rule's own options", async () => {
    const info = await pack.info();
    const schemas = Object.fromEntries(
      info
        .getPoliciesList()
        .map((policy) => [
          policy.getName(),
          Object.keys(policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {}).sort(),
        ]),
    );
    expect(schemas["private-image-credentials"]).toEqual(["exceptions", "levelException", "publicImagePrefixes"]);
    expect(schemas["execution-role-managed-policies"]).toEqual([
      "allowedManagedPolicyArns",
      "exceptions",
      "levelException",
    ]);
    expect(schemas["no-secrets-in-environment"]).toEqual(["allowedNames", "exceptions", "levelException"]);
    // The CLI checks a config file's properties against these schemas: a key missing here could not be sent.
    expect(Object.values(schemas).every((keys) => keys.includes("exceptions") && keys.includes("levelException"))).toBe(
      true,
    );
  });
});

// The import actions of ECR's pull-through cache are what ECS needs on exactly the repositories of a cache prefix the
// stack knows, and beyond its needs anywhere wider or on a prefix that is no cache's.
import { analyzeAll } from "../support/driver";
import { summarize } from "../support/expect-findings";
import { executionRoleWith, extraPolicy } from "../support/execution-role-grants";
import { ACCOUNT, REGION } from "../support/fixtures";
import { startInProcessPack } from "../support/in-process";

const pack = startInProcessPack();
const rule = "execution-role-least-privilege";
const repositories = (prefix: string) => `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${prefix}`;
const importOn = (resource: string) =>
  extraPolicy({ Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: resource });

const cacheRule = {
  type: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
  name: "ghcr",
  props: { ecrRepositoryPrefix: "ghcr-dev", upstreamRegistryUrl: "ghcr.io" },
};

describe("execution-role-least-privilege and ECR's pull-through cache", () => {
  it("accepts the import actions on exactly the repositories of the stack's cache prefix", async () => {
    const findings = await analyzeAll(pack, [cacheRule, ...executionRoleWith(importOn(repositories("ghcr-dev/*")))]);
    expect(summarize(findings.filter((f) => f.policyName === rule))).toEqual([]);
  });

  it.each([["*"], [repositories("*")], [repositories("team/*")]])(
    "reports the import actions on %s, beyond ECS's needs",
    async (resource) => {
      const findings = await analyzeAll(pack, [cacheRule, ...executionRoleWith(importOn(resource))]);
      expect(summarize(findings.filter((f) => f.policyName === rule))).toEqual([
        expect.stringContaining("do `ecr:BatchImportUpstreamImage`"),
        expect.stringContaining("do `ecr:CreateRepository`"),
      ]);
    },
  );
});

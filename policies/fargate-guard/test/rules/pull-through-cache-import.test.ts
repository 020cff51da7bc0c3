// A service whose image is under a pull-through cache prefix pulls with no repositoryCredentials, and the execution
// role (here exported by registry-access, as in dev) must be allowed to import the image into the cache.
import { expect } from "@jest/globals";
import { ecsTaskExecutionManagedPolicyArn, pullThroughCachePolicy } from "@platform/iam";
import { analyzeAll } from "../support/driver";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { ACCOUNT, container, DIGEST, EXECUTION_ROLE_ARN, REGION, taskDefinition } from "../support/fixtures";
import { allow, executionRole } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "pull-through-cache-import";
const stack = "acme/registry-access/dev";
const CACHE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/ghcr-dev`;
const IMAGE = `${CACHE}/acme/api-private:1.4@${DIGEST}`;
const REPOSITORIES = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ghcr-dev/*`;
const REPOSITORY = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ghcr-dev/acme/api-private`;
/** This stack's own cache rule for ghcr.io. */
const cacheRule = {
  type: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
  name: "ghcr",
  props: { ecrRepositoryPrefix: "ghcr-dev", upstreamRegistryUrl: "ghcr.io", registryId: ACCOUNT },
};

/** What registry-access/dev exports when its ghcr.io entry sets pullThroughCache. */
function registryAccess(inline: object, executionRoleArn = EXECUTION_ROLE_ARN) {
  return {
    type: "platform:contracts:UpstreamStack",
    name: "registry-access",
    props: {
      name: stack,
      outputs: {
        executionRoleArn,
        registryCredentials: {},
        pullThroughCaches: { "ghcr.io": CACHE },
        executionRolePolicies: {
          inlinePolicies: [{ name: "pull-through-cache", document: JSON.stringify(inline) }],
          managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
        },
      },
    },
  };
}

const service = () => taskDefinition({ containers: [container({ image: IMAGE, repositoryCredentials: undefined })] });

describe("pull-through-cache-import", () => {
  it("accepts the service when registry-access grants the import on exactly the cache's repositories", async () => {
    const findings = await analyzeAll(pack, [registryAccess(pullThroughCachePolicy([REPOSITORIES])), service()]);
    expect(summarize(findings)).toEqual([]);
  });

  it("refuses the same service when the execution role lacks the import action", async () => {
    const pullsOnly = allow(["ecr:CreateRepository", "ecr:BatchGetImage"], REPOSITORIES);
    const finding = onlyFinding(await analyzeAll(pack, [registryAccess(pullsOnly), service()]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `Container \`app\` of \`api\` pulls \`${IMAGE}\` through the pull-through cache \`ghcr-dev\`, but execution ` +
        `role \`${EXECUTION_ROLE_ARN}\` (exported by stack \`${stack}\`) may not \`ecr:BatchImportUpstreamImage\` on ` +
        `\`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ghcr-dev/acme/api-private\`, so ECR cannot import the image on ` +
        "its first pull and every task stops with CannotPullContainerError. Grant `ecr:BatchImportUpstreamImage` and " +
        `\`ecr:CreateRepository\` on exactly \`${REPOSITORIES}\` in stack \`${stack}\`, which owns the role.`,
    );
  });

  it("still refuses a known service beside one whose containers are unknown, and reports that one as not judged", async () => {
    const pullsOnly = allow(["ecr:CreateRepository", "ecr:BatchGetImage"], REPOSITORIES);
    const unknown = taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN }, "built-in-apply");
    const findings = await pack.analyzeStack([registryAccess(pullsOnly), unknown, service()]);
    expect(detailsOf(findings, rule)).toEqual([
      expect.stringMatching(
        /^\[mandatory\] Container `app` of `api` pulls .* may not `ecr:BatchImportUpstreamImage` on /,
      ),
      expect.stringMatching(
        /^\[mandatory\] Not judged: `containerDefinitions` is built from values this preview does not know/,
      ),
    ]);
  });

  it("refuses a role of the same stack that may import into another prefix only, naming both actions", async () => {
    const elsewhere = pullThroughCachePolicy([`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/docker-hub-dev/*`]);
    const role = executionRole({ inlinePolicies: [{ name: "cache", policy: JSON.stringify(elsewhere) }] });
    // execution-role-least-privilege reports the grant on a prefix that is no cache's too; this rule, the pull.
    const details = detailsOf(await analyzeAll(pack, [cacheRule, role, service()]), rule);
    expect(details).toEqual([
      `[mandatory] Container \`app\` of \`api\` pulls \`${IMAGE}\` through the pull-through cache \`ghcr-dev\`, but execution ` +
        "role `api-execution` may not `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on " +
        `\`${REPOSITORY}\`, so ECR cannot import the image on its first pull and every task stops with ` +
        "CannotPullContainerError. Grant `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on exactly " +
        `\`${REPOSITORIES}\`.`,
    ]);
  });

  it("accepts a role of the same stack that may import on the cache's repositories, beside a policy it cannot read", async () => {
    const role = executionRole({
      inlinePolicies: [
        { name: "unreadable", policy: JSON.stringify({ Version: "2000-01-01", Statement: [] }) },
        { name: "cache", policy: JSON.stringify(pullThroughCachePolicy([REPOSITORIES])) },
      ],
    });
    expect(detailsOf(await analyzeAll(pack, [cacheRule, role, service()]), rule)).toEqual([]);
  });

  it("refuses a role of another account, whose own grant cannot reach this account's repositories", async () => {
    const otherAccount = "arn:aws:iam::210987654321:role/api-execution";
    const findings = await analyzeAll(pack, [
      registryAccess(pullThroughCachePolicy([REPOSITORIES]), otherAccount),
      taskDefinition({
        executionRoleArn: otherAccount,
        containers: [container({ image: IMAGE, repositoryCredentials: undefined })],
      }),
    ]);
    expect(detailsOf(findings, rule)).toEqual([
      expect.stringContaining(
        `role \`${otherAccount}\` (exported by stack \`${stack}\`) may not \`ecr:BatchImportUpstreamImage\` and`,
      ),
    ]);
  });

  it("refuses a role of the same stack whose policy the IAM evaluator rejects (an action without its service)", async () => {
    const rejected = allow("BatchImportUpstreamImage", REPOSITORIES);
    const role = executionRole({ inlinePolicies: [{ name: "cache", policy: JSON.stringify(rejected) }] });
    expect(detailsOf(await analyzeAll(pack, [cacheRule, role, service()]), rule)).toEqual([
      expect.stringContaining("may not `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on"),
    ]);
  });

  it("refuses a task that pulls through the cache with no execution role to import with", async () => {
    const roleless = taskDefinition({
      executionRoleArn: undefined,
      containers: [container({ image: IMAGE, repositoryCredentials: undefined })],
    });
    expect(detailsOf(await analyzeAll(pack, [cacheRule, roleless]), rule)).toEqual([
      `[mandatory] Container \`app\` of \`api\` pulls \`${IMAGE}\` through the pull-through cache \`ghcr-dev\`, but the task ` +
        "has no execution role (`executionRoleArn`) to import it with.",
    ]);
  });

  it("leaves alone a role of another stack that no upstream-stack component carries", async () => {
    const elsewhere = taskDefinition({
      executionRoleArn: "arn:aws:iam::210987654321:role/shared-execution",
      containers: [container({ image: IMAGE, repositoryCredentials: undefined })],
    });
    expect(detailsOf(await analyzeAll(pack, [cacheRule, elsewhere]), rule)).toEqual([]);
  });

  it("leaves an image of the account's own ECR outside any cache prefix alone", async () => {
    const own = taskDefinition({
      containers: [
        container({
          image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/api@${DIGEST}`,
          repositoryCredentials: undefined,
        }),
      ],
    });
    expect(summarize(await analyzeAll(pack, [registryAccess(allow("logs:PutLogEvents", "*")), own]))).toEqual([]);
  });
});

import { startInProcessPack } from "../support/in-process";
import { awsxFargateTaskDefinition, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "container-logging";

describe("container-logging", () => {
  it("accepts containers with an awslogs driver", async () => {
    expect(summarize(await pack.analyze(taskDefinition()))).toEqual([]);
  });

  it("rejects a raw container without logConfiguration", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ logConfiguration: undefined })] })),
      rule,
    );
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toBe(
      "Container `app` has no `logConfiguration`: its output is lost. Set `containerDefinitions[0].logConfiguration` with a log driver such as awslogs.",
    );
  });

  it("rejects a logConfiguration without a driver", async () => {
    const fixture = taskDefinition({ containers: [container({ logConfiguration: { options: {} } })] });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toContain("without `logDriver`");
  });

  it("trusts awsx's default log group for awsx containers without logConfiguration", async () => {
    expect(
      summarize(
        await pack.analyze(awsxFargateTaskDefinition({ container: container({ logConfiguration: undefined }) })),
      ),
    ).toEqual([]);
  });

  it("rejects an awsx container without logConfiguration when the default log group is skipped", async () => {
    const fixture = awsxFargateTaskDefinition({
      container: container({ logConfiguration: undefined }),
      logGroup: { skip: true },
    });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toMatch(
      /has no `logConfiguration` and `logGroup\.skip` is true: .*, or drop `logGroup\.skip` so awsx creates its log group/,
    );
  });
});

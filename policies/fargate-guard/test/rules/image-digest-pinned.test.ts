import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, awsxTaskDefinitionArgs, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "image-digest-pinned";
const tagged = "ghcr.io/acme/api-private:1.4";

describe("image-digest-pinned", () => {
  it("accepts an image pinned by digest, with or without a tag", async () => {
    expect(summarize(await pack.analyze(taskDefinition()))).toEqual([]);
  });

  it("rejects a tag (advisory by default)", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ image: tagged })] })),
      rule,
    );
    expect(finding.enforcementLevel).toBe("advisory");
    expect(finding.detail).toBe(
      `Container \`app\` pulls \`${tagged}\` by tag \`1.4\`: pin it by digest (ghcr.io/acme/api-private@sha256:<digest>) so every task runs the reviewed image.`,
    );
  });

  it("rejects an awsx container image without tag or digest, mandatory under prod config", async () => {
    await pack.configure({ [rule]: "mandatory" });
    try {
      const service = awsxFargateService({
        taskDefinitionArgs: awsxTaskDefinitionArgs({ container: container({ image: "ghcr.io/acme/api-private" }) }),
      });
      const finding = onlyFinding(await pack.analyze(service), rule);
      expect(finding.enforcementLevel).toBe("mandatory");
      expect(finding.detail).toContain("by no tag or digest");
    } finally {
      await pack.configure({});
    }
  });
});

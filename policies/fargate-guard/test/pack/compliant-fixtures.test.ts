import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, awsxFargateTaskDefinition, taskDefinition } from "../support/fixtures";
import { summarize } from "../support/expect-findings";

const pack = startInProcessPack();

describe("the compliant fixtures every rule test starts from", () => {
  it.each([
    ["a raw Fargate task definition", taskDefinition()],
    ["an awsx FargateService", awsxFargateService()],
    ["an awsx FargateTaskDefinition", awsxFargateTaskDefinition()],
  ])("pass every rule of the pack: %s", async (_label, fixture) => {
    expect(summarize(await pack.analyze(fixture))).toEqual([]);
  });
});

import { startInProcessPack } from "../support/in-process";
import {
  awsxFargateService,
  awsxFargateTaskDefinition,
  awsxTaskDefinitionArgs,
  taskDefinition,
} from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "fargate-task-size";

describe("fargate-task-size", () => {
  it.each([
    ["256 CPU units with 2048 MiB", { cpu: "256", memory: "2048" }],
    ["vCPU and GB notation", { cpu: "1 vCPU", memory: "2 GB" }],
    ["an EC2-only task definition of any size", { cpu: "300", memory: "700", requiresCompatibilities: ["EC2"] }],
  ])("accepts %s", async (_label, props) => {
    expect(summarize(await pack.analyze(taskDefinition(props)))).toEqual([]);
  });

  it("rejects memory that Fargate does not offer for the CPU, listing the choices", async () => {
    const finding = onlyFinding(await pack.analyze(taskDefinition({ cpu: "256", memory: "768" })), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toBe("`cpu` is 256, so `memory` must be 512, 1024 or 2048 MiB (got `768`).");
  });

  it("rejects a CPU that Fargate does not offer", async () => {
    expect(onlyFinding(await pack.analyze(taskDefinition({ cpu: "300" })), rule).detail).toContain(
      "`cpu` is `300`, which Fargate does not offer",
    );
  });

  it("rejects a raw Fargate task definition without task-level memory", async () => {
    expect(onlyFinding(await pack.analyze(taskDefinition({ memory: undefined })), rule).detail).toContain(
      "sets no `memory`",
    );
  });

  it("checks awsx task definition args, and lets awsx compute sizes left out", async () => {
    const bad = awsxFargateService({ taskDefinitionArgs: awsxTaskDefinitionArgs({ cpu: "1024", memory: "1024" }) });
    expect(onlyFinding(await pack.analyze(bad), rule).detail).toBe(
      "`taskDefinitionArgs.cpu` is 1024, so `taskDefinitionArgs.memory` must be 2048 to 8192 in steps of 1024 MiB (got `1024`).",
    );
    expect(summarize(await pack.analyze(awsxFargateTaskDefinition({ cpu: "512" })))).toEqual([]);
  });
});

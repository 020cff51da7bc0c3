import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, awsxTaskDefinitionArgs, taskDefinition, EXECUTION_ROLE_ARN } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "separate-task-and-execution-roles";

describe("separate-task-and-execution-roles", () => {
  it("accepts different execution and task roles, and a task without a task role", async () => {
    expect(summarize(await pack.analyze(taskDefinition()))).toEqual([]);
    expect(summarize(await pack.analyze(taskDefinition({ taskRoleArn: undefined })))).toEqual([]);
  });

  it("rejects one role used as both in a raw task definition", async () => {
    const finding = onlyFinding(await pack.analyze(taskDefinition({ taskRoleArn: EXECUTION_ROLE_ARN })), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toContain(`\`executionRoleArn\` and \`taskRoleArn\` are both \`${EXECUTION_ROLE_ARN}\``);
  });

  it("rejects one role used as both in awsx args", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({ taskRole: { roleArn: EXECUTION_ROLE_ARN } }),
    });
    expect(onlyFinding(await pack.analyze(service), rule).detail).toContain(
      "`taskDefinitionArgs.executionRole.roleArn` and `taskDefinitionArgs.taskRole.roleArn` are both",
    );
  });
});

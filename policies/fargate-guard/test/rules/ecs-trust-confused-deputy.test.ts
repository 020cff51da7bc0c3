import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import { EXECUTION_ROLE_ARN, TASK_ROLE_ARN, awsxFargateTaskDefinition, taskDefinition } from "../support/fixtures";
import { executionRole, executionRoleTrust, managedAttachment } from "../support/fixtures-iam";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "ecs-trust-confused-deputy";
const unconditionalTrust = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "EcsTasks", Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" },
  ],
};
const taskRole = (trust: unknown = unconditionalTrust) =>
  executionRole(
    { arn: TASK_ROLE_ARN, name: "api-task", assumeRolePolicy: JSON.stringify(trust), inlinePolicies: [] },
    "api-task",
  );

describe("ecs-trust-confused-deputy", () => {
  it("accepts the task role trust policy @platform/iam builds (aws:SourceAccount and aws:SourceArn)", async () => {
    expect(summarize(await analyzeAll(pack, [executionRole()]))).toEqual([]);
  });

  it("accepts an aws:SourceArn condition alone, under any operator", async () => {
    const trust = {
      ...unconditionalTrust,
      Statement: [
        {
          ...unconditionalTrust.Statement[0],
          Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } },
        },
      ],
    };
    expect(summarize(await analyzeAll(pack, [taskRole(trust)]))).toEqual([]);
  });

  it("accepts the execution role's documented trust, without condition, on a role that attaches AmazonECSTaskExecutionRolePolicy", async () => {
    const role = executionRole({ assumeRolePolicy: JSON.stringify(executionRoleTrust()) });
    expect(summarize(await analyzeAll(pack, [role, managedAttachment(role)]))).toEqual([]);
  });

  it("accepts it on a role a task definition names as its execution role", async () => {
    const role = executionRole({ assumeRolePolicy: JSON.stringify(executionRoleTrust()) });
    const task = taskDefinition({ executionRoleArn: EXECUTION_ROLE_ARN, taskRoleArn: undefined });
    expect(summarize(await analyzeAll(pack, [role, task])).filter((f) => f.startsWith(rule))).toEqual([]);
  });

  it("rejects a task role that ecs-tasks.amazonaws.com may assume unconditionally", async () => {
    const finding = onlyFinding(await analyzeAll(pack, [taskRole()]), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toContain(
      "Trust policy statement `EcsTasks` of role `api-task` lets ecs-tasks.amazonaws.com assume it without an aws:SourceAccount or aws:SourceArn condition",
    );
  });

  it("rejects the unconditional trust on a role that is both a task and an execution role", async () => {
    const role = taskRole();
    const task = taskDefinition({ executionRoleArn: TASK_ROLE_ARN, taskRoleArn: TASK_ROLE_ARN });
    const findings = summarize(await analyzeAll(pack, [role, managedAttachment(role), task])).filter((f) =>
      f.startsWith(rule),
    );
    expect(findings).toEqual([
      expect.stringContaining("of role `api-task` lets ecs-tasks.amazonaws.com assume it without"),
    ]);
  });

  it("rejects the task role awsx would create, and not the execution role it would create", async () => {
    const fixture = awsxFargateTaskDefinition({ executionRole: undefined, taskRole: undefined });
    const findings = summarize(await analyzeAll(pack, [fixture])).filter((f) => f.startsWith(rule));
    expect(findings).toEqual([
      expect.stringContaining("`taskRole` of `api` has no `roleArn`, so awsx creates the task role"),
    ]);
  });
});

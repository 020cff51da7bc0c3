import { startInProcessPack } from "../harness/in-process";
import { awsxFargateTaskDefinition } from "../harness/fixtures";
import { executionRole } from "../harness/fixtures-iam";
import { onlyFinding, summarize } from "../harness/expect-findings";

const pack = startInProcessPack();
const rule = "ecs-trust-confused-deputy";
const unconditionalTrust = {
  Version: "2012-10-17",
  Statement: [{ Sid: "EcsTasks", Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" }],
};

describe("ecs-trust-confused-deputy", () => {
  it("accepts the trust policy @platform/iam builds (aws:SourceAccount and aws:SourceArn)", async () => {
    expect(summarize(await pack.analyze(executionRole()))).toEqual([]);
  });

  it("accepts an aws:SourceArn condition alone, under any operator", async () => {
    const trust = { ...unconditionalTrust, Statement: [{ ...unconditionalTrust.Statement[0], Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" } } }] };
    expect(summarize(await pack.analyze(executionRole({ assumeRolePolicy: trust })))).toEqual([]);
  });

  it("rejects a role that ecs-tasks.amazonaws.com may assume unconditionally", async () => {
    const finding = onlyFinding(await pack.analyze(executionRole({ assumeRolePolicy: JSON.stringify(unconditionalTrust) })), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toContain("Trust policy statement `EcsTasks` lets ecs-tasks.amazonaws.com assume the role without an aws:SourceAccount or aws:SourceArn condition");
  });

  it("rejects each role awsx would create for the task, since their trust has no condition", async () => {
    const fixture = awsxFargateTaskDefinition({ executionRole: undefined, taskRole: { skip: true } });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toContain("`executionRole` has no `roleArn`, so awsx creates the role");
  });
});

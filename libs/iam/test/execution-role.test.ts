import {
  ecsTaskExecutionManagedPolicyArn,
  executionRoleTrustPolicy,
  policyValidationErrors,
  taskRoleTrustPolicy,
  blueGreenTrafficPolicy,
  ecsInfrastructureRoleTrustPolicy,
} from "..";
import { evaluateAccess } from "../src/access";

const account = "111111111111";
const role = `arn:aws:iam::${account}:role/service-task`;
const executionRole = `arn:aws:iam::${account}:role/registry-access-execution`;
const ownTask = {
  "aws:SourceAccount": account,
  "aws:SourceArn": `arn:aws:ecs:eu-central-1:${account}:task/app/0123456789abcdef`,
};

describe("taskRoleTrustPolicy", () => {
  it("lets only ecs-tasks.amazonaws.com assume the task role, for this account's ECS resources in the region", () => {
    expect(taskRoleTrustPolicy({ accountId: account, region: "eu-central-1" })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcsTasksAssumeRoleForThisAccountOnly",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": account },
            ArnLike: { "aws:SourceArn": `arn:aws:ecs:eu-central-1:${account}:*` },
          },
        },
      ],
    });
  });

  it.each([
    [{ accountId: account }, `arn:aws:ecs:*:${account}:*`],
    [{ accountId: account, region: "cn-north-1" }, `arn:aws-cn:ecs:cn-north-1:${account}:*`],
    [{ accountId: account, region: "us-gov-west-1" }, `arn:aws-us-gov:ecs:us-gov-west-1:${account}:*`],
    [{ accountId: account, partition: "aws-cn" }, `arn:aws-cn:ecs:*:${account}:*`],
  ])("with %j scopes aws:SourceArn to %s", (args, sourceArn) => {
    expect(taskRoleTrustPolicy(args).Statement[0]?.Condition?.["ArnLike"]).toEqual({ "aws:SourceArn": sourceArn });
  });

  it("is a valid trust policy by IAM's grammar", () => {
    expect(
      policyValidationErrors(taskRoleTrustPolicy({ accountId: account, region: "eu-central-1" }), "trust"),
    ).toEqual([]);
  });

  it.each([
    [{ accountId: "yourAccountIdHere" }, /`accountId` must be 12 digits/],
    [{ accountId: "1111" }, /`accountId` must be 12 digits/],
    [{ accountId: account, region: "awsRegionHere" }, /`region` must be a region code/],
    [{ accountId: account, region: "cn-north-1", partition: "aws" }, /cn-north-1 is in partition aws-cn, not "aws"/],
    [{ accountId: account, partition: "gcp" }, /`partition` must look like/],
  ])("rejects %j", (args, message) => {
    expect(() => taskRoleTrustPolicy(args)).toThrow(message);
  });
});

describe("taskRoleTrustPolicy, evaluated by iam-simulate", () => {
  const trust = taskRoleTrustPolicy({ accountId: account, region: "eu-central-1" });
  const assume = (principalArn: string, context: Record<string, string>) =>
    evaluateAccess({
      identityPolicies: [],
      action: "sts:AssumeRole",
      resource: role,
      principalArn,
      resourcePolicy: trust,
      context,
    });

  it("lets ECS assume the role for a task in this account and region", async () => {
    const decision = await assume("ecs-tasks.amazonaws.com", ownTask);
    expect(decision).toMatchObject({ allowed: true, result: "Allowed" });
    expect(decision.explanation).toContain(
      "resource: Allowed; allowed by resource-policy#EcsTasksAssumeRoleForThisAccountOnly",
    );
  });

  it.each([
    [
      "another account (confused deputy)",
      "ecs-tasks.amazonaws.com",
      { "aws:SourceAccount": "222222222222", "aws:SourceArn": "arn:aws:ecs:eu-central-1:222222222222:task/x/1" },
    ],
    [
      "a task in another region",
      "ecs-tasks.amazonaws.com",
      { ...ownTask, "aws:SourceArn": `arn:aws:ecs:us-east-1:${account}:task/app/1` },
    ],
    ["no source context", "ecs-tasks.amazonaws.com", {}],
    ["another service", "lambda.amazonaws.com", ownTask],
    ["a role in the same account", `arn:aws:iam::${account}:role/someone-else`, ownTask],
  ])("refuses %s", async (_why, principal, context) => {
    expect((await assume(principal, context)).allowed).toBe(false);
  });
});

describe("ecsTaskExecutionManagedPolicyArn", () => {
  it.each([
    [undefined, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
    ["aws-cn", "arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
    ["aws-us-gov", "arn:aws-us-gov:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
  ])("for partition %s is %s", (partition, arn) => {
    expect(ecsTaskExecutionManagedPolicyArn(partition)).toBe(arn);
  });
});

describe("executionRoleTrustPolicy", () => {
  const trust = executionRoleTrustPolicy({ accountId: account, region: "eu-central-1" });
  const assume = (principalArn: string, context: Record<string, string>) =>
    evaluateAccess({
      identityPolicies: [],
      action: "sts:AssumeRole",
      resource: executionRole,
      principalArn,
      resourcePolicy: trust,
      context,
    });

  it("carries no condition key, as AWS documents the execution role's trust (only the task role's has them)", () => {
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcsTasksAssumeExecutionRole",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    expect(policyValidationErrors(trust, "trust")).toEqual([]);
  });

  it("lets ECS assume it even when ECS supplies no source account or ARN", async () => {
    expect((await assume("ecs-tasks.amazonaws.com", {})).allowed).toBe(true);
  });

  it.each([
    ["another service", "lambda.amazonaws.com"],
    ["a role in the same account", `arn:aws:iam::${account}:role/someone-else`],
  ])("refuses %s", async (_why, principal) => {
    expect((await assume(principal, ownTask)).allowed).toBe(false);
  });

  it("still checks its arguments", () => {
    expect(() => executionRoleTrustPolicy({ accountId: "yourAccountIdHere" })).toThrow(
      'executionRoleTrustPolicy: `accountId` must be 12 digits, got "yourAccountIdHere"',
    );
  });
});

describe("the role ECS shifts blue/green traffic with", () => {
  it("is trusted by ecs.amazonaws.com only, for this account's ECS resources in the region", () => {
    const trust = ecsInfrastructureRoleTrustPolicy({ accountId: account, region: "eu-central-1" });
    expect(trust.Statement).toEqual([
      {
        Sid: "EcsShiftsTrafficForThisAccountOnly",
        Effect: "Allow",
        Principal: { Service: "ecs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": `arn:aws:ecs:eu-central-1:${account}:*` },
        },
      },
    ]);
    expect(policyValidationErrors(trust, "trust")).toEqual([]);
  });

  it("names the rule and the groups it is given, and `*` only for the Describe calls", () => {
    const rule = `arn:aws:elasticloadbalancing:eu-central-1:${account}:listener-rule/app/shared/0123456789abcdef/fedcba9876543210/00112233aabbccdd`;
    const groups = ["blue", "green"].map(
      (name) => `arn:aws:elasticloadbalancing:eu-central-1:${account}:targetgroup/${name}/0123456789abcdef`,
    );
    const policy = blueGreenTrafficPolicy({ listenerRuleArn: rule, targetGroupArns: groups });
    expect(policy.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [expect.arrayContaining(["elasticloadbalancing:DescribeRules"]), "*"],
      [["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], groups],
      ["elasticloadbalancing:ModifyRule", rule],
    ]);
    expect(
      policy.Statement.filter((s) => s.Resource === "*").every((s) =>
        [s.Action].flat().every((a) => String(a).includes(":Describe")),
      ),
    ).toBe(true);
    expect(policyValidationErrors(policy, "identity")).toEqual([]);
  });
});

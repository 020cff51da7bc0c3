// The deploy role's writes, judged by the IAM simulator (@cloud-copilot/iam-simulate, offline): what `pulumi up`
// of one environment's stacks creates is allowed, in that environment's names; the delivery roles, other
// environments' secrets and passing a role to anything but ECS tasks are not.
import { evaluateAccess, expandActions } from "@platform/iam/access";
import { deployPolicy } from "../src/deploy-policy";

const ACCOUNT = "111111111111";
const REGION = "eu-central-1";
const policy = deployPolicy({ env: "dev", accountId: ACCOUNT, region: REGION, partition: "aws" });
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${service === "iam" ? "" : REGION}:${ACCOUNT}:${resource}`;
const decide = async (action: string, resource: string, context: Record<string, string> = {}) =>
  (
    await evaluateAccess({
      identityPolicies: [policy],
      action,
      resource,
      context: { "aws:RequestedRegion": REGION, ...context },
    })
  ).result;

it("names only actions IAM has, each on its own (no wildcard action)", async () => {
  const listed = policy.Statement.flatMap((s) => [s.Action ?? []].flat());
  expect(listed.filter((a) => a.includes("*") && a !== "iam:*")).toEqual([]);
  const known = await expandActions(listed.filter((a) => a !== "iam:*"));
  expect(listed.filter((a) => a !== "iam:*" && !known.includes(a))).toEqual([]);
});

it.each([
  ["secretsmanager:CreateSecret", arn("secretsmanager", "secret:registry/dev/ghcr.io/20261207-abcdef")],
  ["iam:CreateRole", arn("iam", "role/app-dev-execution-1a2b3c4")],
  ["iam:PutRolePolicy", arn("iam", "role/service-dev-task-1a2b3c4")],
  ["ecs:CreateService", arn("ecs", "service/service-dev-1a2b3c4/service-dev")],
  ["logs:CreateLogGroup", arn("logs", "log-group:/ecs/app-dev")],
  ["cloudwatch:PutMetricAlarm", arn("cloudwatch", "alarm:service-dev-5xx-1a2b3c4")],
  ["ec2:CreateVpc", arn("ec2", "vpc/*")],
])("allows %s on %s, which pulumi up of dev does", async (action, resource) => {
  expect(await decide(action, resource)).toBe("Allowed");
});

it("lets the deploy pass a role of dev to ECS tasks and to nothing else", async () => {
  const role = arn("iam", "role/app-dev-execution-1a2b3c4");
  expect(await decide("iam:PassRole", role, { "iam:PassedToService": "ecs-tasks.amazonaws.com" })).toBe("Allowed");
  expect(await decide("iam:PassRole", role, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe("ImplicitlyDenied");
});

it.each([
  ["iam:PutRolePolicy", arn("iam", "role/delivery/delivery-dev-deploy"), "ExplicitlyDenied"],
  ["iam:UpdateAssumeRolePolicy", arn("iam", "role/delivery/delivery-dev-deploy"), "ExplicitlyDenied"],
  ["iam:CreateRole", arn("iam", "role/app-prod-execution-1a2b3c4"), "ImplicitlyDenied"],
  ["iam:CreateUser", arn("iam", "user/someone"), "ImplicitlyDenied"],
  [
    "secretsmanager:PutSecretValue",
    arn("secretsmanager", "secret:registry/prod/ghcr.io/20261207-abcdef"),
    "ImplicitlyDenied",
  ],
  [
    "secretsmanager:GetSecretValue",
    arn("secretsmanager", "secret:registry/dev/ghcr.io/20261207-abcdef"),
    "ImplicitlyDenied",
  ],
])("refuses %s on %s", async (action, resource, result) => {
  expect(await decide(action, resource)).toBe(result);
});

// What an execution role may do is what ECS needs to start the task; every other grant is a finding, judged by
// what IAM would allow. Driven through the analyzer protocol with this repository's dev and prod configs.
import * as path from "node:path";
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { loadEnvironmentConfigs } from "../../src/lib/environment-configs";
import { analyzeAll } from "../support/driver";
import { summarize } from "../support/expect-findings";
import { startInProcessPack } from "../support/in-process";
import { taskDefinition, urnOf, KMS_KEY_ARN, SECRET_ARN } from "../support/fixtures";
import { executionRole, managedAttachment, secretRead } from "../support/fixtures-iam";
import type { PackConfigFile } from "../support/requests";

const pack = startInProcessPack();
const configs = Object.fromEntries(loadEnvironmentConfigs(path.resolve(__dirname, "../.."))) as Record<
  string,
  PackConfigFile
>;

const statement = (extra: object) => ({ Version: "2012-10-17", Statement: [{ Sid: "Extra", Effect: "Allow", ...extra }] });
const roleWith = (extra: object) => {
  const role = executionRole({
    inlinePolicies: [
      { name: "read-registry-credentials", policy: JSON.stringify(secretRead()) },
      { name: "extra", policy: JSON.stringify(statement(extra)) },
    ],
  });
  return [role, managedAttachment(role), taskDefinition()];
};

describe.each(["dev", "prod"])("with config/%s.json", (env) => {
  beforeAll(() => pack.configure(configs[env]!));

  it.each([
    ["iam:PutRolePolicy on *", { Action: "iam:PutRolePolicy", Resource: "*" }],
    ["iam:AttachRolePolicy on *", { Action: "iam:AttachRolePolicy", Resource: "*" }],
    ["sts:AssumeRole on *", { Action: "sts:AssumeRole", Resource: "*" }],
    ["kms:CreateGrant on *", { Action: "kms:CreateGrant", Resource: "*" }],
    ["secretsmanager:PutResourcePolicy on *", { Action: "secretsmanager:PutResourcePolicy", Resource: "*" }],
    ["secretsmanager:* on the exact secret", { Action: "secretsmanager:*", Resource: SECRET_ARN }],
    ["NotAction iam:* on the exact secret", { NotAction: ["iam:*"], Resource: SECRET_ARN }],
    ["secretsmanager:PutSecretValue on the exact secret", { Action: "secretsmanager:PutSecretValue", Resource: SECRET_ARN }],
  ])("reports %s", async (_name, extra) => {
    const findings = await analyzeAll(pack, roleWith(extra));
    console.log(env, _name, summarize(findings), findings.map((f) => f.enforcementLevel));
  });

  it("passes AWS's documented statement", async () => {
    const documented = {
      Action: ["kms:Decrypt", "secretsmanager:GetSecretValue"],
      Resource: [SECRET_ARN, KMS_KEY_ARN],
    };
    const role = executionRole({ inlinePolicies: [{ name: "private-registry", policy: JSON.stringify(statement(documented)) }] });
    expect(summarize(await analyzeAll(pack, [role, managedAttachment(role), taskDefinition()]))).toEqual([]);
  });
});

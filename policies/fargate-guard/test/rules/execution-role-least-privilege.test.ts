import { analyzeAll } from "../support/driver";
import { summarize } from "../support/expect-findings";
import { executionRoleWith, extraPolicy, repositoryConfigs, reported } from "../support/execution-role-grants";
import { taskDefinition, urnOf, KMS_KEY_ARN, SECRET_ARN } from "../support/fixtures";
import { executionRole, managedAttachment } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";
import { packConfigOf } from "@platform/config-files/pack-config-file";
import { checkPackConfig } from "../../scripts/lib/check-pack-config";

const pack = startInProcessPack();
const rule = "execution-role-least-privilege";
const roleUrn = urnOf(executionRole());
const where = "Policy `api-execution.inlinePolicies[1] (extra)` statement `Extra`";
const parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/api/db-password";

describe.each(["dev", "prod"])("execution-role-least-privilege with config/%s.json", (env) => {
  beforeAll(() => pack.configure(repositoryConfigs[env]!));

  it("passes AWS's documented statement: GetSecretValue on the secret and kms:Decrypt on the key", async () => {
    // Amazon ECS developer guide, "Private registry authentication for tasks", required IAM permissions.
    const documented = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["kms:Decrypt", "secretsmanager:GetSecretValue"],
          Resource: [SECRET_ARN, KMS_KEY_ARN],
        },
      ],
    };
    const role = executionRole({ inlinePolicies: [{ name: "private-registry", policy: JSON.stringify(documented) }] });
    expect(summarize(await analyzeAll(pack, [role, managedAttachment(role), taskDefinition()]))).toEqual([]);
  });

  it("reports a write on the registry secret as a mandatory violation on the execution role", async () => {
    const write = extraPolicy({
      Action: ["secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret"],
      Resource: SECRET_ARN,
    });
    const findings = await analyzeAll(pack, executionRoleWith(write));
    expect(summarize(findings)).toEqual([
      `${rule}: ${where} lets execution role \`api-execution\` change secrets: it allows ` +
        `\`secretsmanager:DeleteSecret\` and \`secretsmanager:PutSecretValue\` on \`${SECRET_ARN}\`. An execution ` +
        "role only reads its registry secrets: remove them.",
    ]);
    expect(reported(findings)).toEqual([`${rule} [mandatory] @${roleUrn}`]);
  });

  it("reports secretsmanager:* on the exact secret as a secret write and as reads beyond ECS's needs", async () => {
    const findings = await analyzeAll(
      pack,
      executionRoleWith(extraPolicy({ Action: "secretsmanager:*", Resource: SECRET_ARN })),
    );
    expect(summarize(findings.filter((f) => f.policyName === rule))).toEqual([
      expect.stringContaining(
        "change secrets: it allows `secretsmanager:CancelRotateSecret`, `secretsmanager:CreateSecret`, " +
          "`secretsmanager:DeleteSecret`, `secretsmanager:PutSecretValue`, `secretsmanager:RemoveRegionsFromReplication`, " +
          "`secretsmanager:ReplicateSecretToRegions` and 7 more",
      ),
      `${rule}: ${where} lets execution role \`api-execution\` do \`secretsmanager:*\` (\`secretsmanager:DescribeSecret\`, ` +
        `for one) on \`${SECRET_ARN}\`, beyond what ECS needs to start the task: remove it, move what the application ` +
        "needs to the task role, or list an action ECS needs for this task in `allowedActions`.",
    ]);
  });

  it("reports any other action, one finding per pattern that grants it", async () => {
    const findings = await analyzeAll(
      pack,
      executionRoleWith(extraPolicy({ Action: ["s3:GetObject", "ec2:Describe*"], Resource: "*" })),
    );
    expect(summarize(findings)).toEqual([
      `${rule}: ${where} lets execution role \`api-execution\` do \`s3:GetObject\` on \`*\`, beyond what ECS needs to ` +
        "start the task: remove it, move what the application needs to the task role, or list an action ECS needs for " +
        "this task in `allowedActions`.",
      expect.stringContaining("do `ec2:Describe*` (`ec2:DescribeAccountAttributes`, for one) on `*`"),
    ]);
    expect(reported(findings)).toEqual([`${rule} [mandatory] @${roleUrn}`, `${rule} [mandatory] @${roleUrn}`]);
  });
});

describe("execution-role-least-privilege's allowedActions", () => {
  const ssm = executionRoleWith(extraPolicy({ Action: "ssm:GetParameters", Resource: parameter }));

  it("accepts an exact action ECS needs for the task once config lists it", async () => {
    await pack.configure({ ...repositoryConfigs.prod!, [rule]: { allowedActions: ["ssm:GetParameters"] } });
    expect(summarize(await analyzeAll(pack, ssm))).toEqual([]);
    await pack.configure(repositoryConfigs.prod!);
    expect(reported(await analyzeAll(pack, ssm))).toEqual([`${rule} [mandatory] @${roleUrn}`]);
  });

  it("refuses to list an action that changes a secret or grants permissions", () => {
    const config = {
      [rule]: {
        enforcementLevel: "mandatory",
        allowedActions: ["secretsmanager:PutSecretValue", "iam:PassRole", "ssm:*"],
      },
    };
    const result = checkPackConfig(packConfigOf(config, "config/dev.json"), "dev");
    expect(result).toEqual({
      warnings: [],
      errors: [
        expect.stringContaining(
          "`execution-role-least-privilege` `allowedActions.0`: an action that neither changes a secret",
        ),
        expect.stringContaining(
          "`execution-role-least-privilege` `allowedActions.1`: an action that neither changes a secret",
        ),
        expect.stringContaining(
          "`execution-role-least-privilege` `allowedActions.2`: an exact action such as ssm:GetParameters",
        ),
      ],
    });
  });
});

import { analyzeAll } from "../support/driver";
import { detailsOf, summarize } from "../support/expect-findings";
import { executionRoleWith, extraPolicy, repositoryConfigs, reported } from "../support/execution-role-grants";
import { awsxFargateService, awsxTaskDefinitionArgs, urnOf, EXECUTION_ROLE_ARN, SECRET_ARN } from "../support/fixtures";
import { executionRole, managedAttachment } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "execution-role-no-privilege-escalation";
const roleUrn = urnOf(executionRole());
const where = "Policy `api-execution.inlinePolicies[1] (extra)` statement `Extra`";

describe.each(["dev", "prod"])("execution-role-no-privilege-escalation with config/%s.json", (env) => {
  beforeAll(() => pack.configure(repositoryConfigs[env]!));

  it.each([
    ["iam:PutRolePolicy", "*"],
    ["iam:AttachRolePolicy", "*"],
    ["sts:AssumeRole", "*"],
    ["kms:CreateGrant", "*"],
    ["secretsmanager:PutResourcePolicy", "*"],
  ])("reports %s on %s as a mandatory violation on the execution role", async (action, resource) => {
    const findings = await analyzeAll(pack, executionRoleWith(extraPolicy({ Action: action, Resource: resource })));
    expect(summarize(findings)).toEqual([
      `${rule}: ${where} lets execution role \`api-execution\` grant itself more: it allows \`${action}\` on ` +
        `\`${resource}\`. Remove it; ECS needs none of these to start a task.`,
    ]);
    expect(reported(findings)).toEqual([`${rule} [mandatory] @${roleUrn}`]);
  });

  it.each([
    ["secretsmanager:* on the exact secret", { Action: "secretsmanager:*" }, "`secretsmanager:*`"],
    ["NotAction iam:* on the exact secret", { NotAction: ["iam:*"] }, '`NotAction ["iam:*"]`'],
  ])("reports %s: the role may rewrite the secret's resource policy", async (_name, actions, through) => {
    const findings = await analyzeAll(pack, executionRoleWith(extraPolicy({ ...actions, Resource: SECRET_ARN })));
    expect(summarize(findings.filter((f) => f.policyName === rule))).toEqual([
      `${rule}: ${where} lets execution role \`api-execution\` grant itself more: it allows ` +
        `\`secretsmanager:DeleteResourcePolicy\` and \`secretsmanager:PutResourcePolicy\` on \`${SECRET_ARN}\` ` +
        `(through ${through}). Remove them; ECS needs none of these to start a task.`,
    ]);
    expect(reported(findings)).toEqual([
      `${rule} [mandatory] @${roleUrn}`,
      `execution-role-least-privilege [mandatory] @${roleUrn}`,
      `execution-role-least-privilege [mandatory] @${roleUrn}`,
    ]);
  });
});

describe("execution-role-no-privilege-escalation judges what IAM would allow", () => {
  beforeAll(() => pack.configure(repositoryConfigs.prod!));

  it("passes an IAM grant that a Deny of the role takes back", async () => {
    const denied = extraPolicy({ Action: ["iam:*", "sts:*"], Resource: "*" }, [
      { Effect: "Deny", Action: ["iam:*", "sts:*"], Resource: "*" },
    ]);
    expect(summarize(await analyzeAll(pack, executionRoleWith(denied)))).toEqual([]);
  });

  it("reports it when the Deny has a condition, which may not hold", async () => {
    const conditional = extraPolicy({ Action: "iam:PassRole", Resource: "*" }, [
      {
        Effect: "Deny",
        Action: "iam:*",
        Resource: "*",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
      },
    ]);
    expect(reported(await analyzeAll(pack, executionRoleWith(conditional)))).toEqual([
      `${rule} [mandatory] @${roleUrn}`,
    ]);
  });

  it("reports the execution role awsx creates, on the component", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        executionRole: {
          args: {
            inlinePolicies: [
              {
                name: "read",
                policy: JSON.stringify(extraPolicy({ Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN })),
              },
              {
                name: "assume",
                policy: JSON.stringify(extraPolicy({ Action: "sts:AssumeRole", Resource: EXECUTION_ROLE_ARN })),
              },
            ],
          },
        },
      }),
    });
    const findings = (await analyzeAll(pack, [service])).filter((f) => f.policyName === rule);
    expect(summarize(findings)).toEqual([
      `${rule}: Policy \`taskDefinitionArgs.executionRole.args.inlinePolicies[1] (assume)\` statement \`Extra\` lets ` +
        "the execution role awsx creates for `api` grant itself more: it allows `sts:AssumeRole` on " +
        `\`${EXECUTION_ROLE_ARN}\`. Remove it from \`taskDefinitionArgs.executionRole.args\` of \`api\`; ECS needs none ` +
        "of these to start a task.",
    ]);
    expect(findings[0]!.urn).toBe(urnOf(service));
  });

  it("reports a policy unknown during preview as the SDK reports unknowns, and still judges the other roles", async () => {
    const [role, attachment, task] = executionRoleWith(extraPolicy({ Action: "iam:PutRolePolicy", Resource: "*" }));
    const pending = executionRole(
      { inlinePolicies: [{ name: "pending", policy: PREVIEW_UNKNOWN }] },
      "worker-execution",
    );
    const findings = await pack.analyzeStack([
      role!,
      attachment!,
      task!,
      pending,
      managedAttachment(pending, undefined, "worker-ecs"),
    ]);
    expect(detailsOf(findings, rule)).toEqual([
      expect.stringContaining("[mandatory] Policy `api-execution.inlinePolicies[1] (extra)` statement `Extra` lets"),
      expect.stringMatching(/^\[mandatory\] Not judged: `inlinePolicies\.0\.policy` is not known in this preview\. /),
    ]);
  });
});

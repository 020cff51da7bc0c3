import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, awsxTaskDefinitionArgs, resource, urnOf, EXECUTION_ROLE_ARN } from "../support/fixtures";
import { allow, executionRole, managedAttachment } from "../support/fixtures-iam";
import { onlyFinding, summarize } from "../support/expect-findings";
import { waiver } from "../support/waiver";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "execution-role-managed-policies";
const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
const readWrite = "arn:aws:iam::aws:policy/SecretsManagerReadWrite";
/** A customer managed policy declared outside the plan: on an execution role, still this rule's (AWS managed ones
 * there are execution-role-least-privilege's). */
const customer = "arn:aws:iam::123456789012:policy/registry-extras";

describe("execution-role-managed-policies", () => {
  const role = executionRole();

  it("accepts an execution role with only AmazonECSTaskExecutionRolePolicy attached", async () => {
    expect(summarize(await analyzeAll(pack, [role, managedAttachment(role)]))).toEqual([]);
  });

  it("rejects a managed policy in the role's own managedPolicyArns", async () => {
    const finding = onlyFinding(await analyzeAll(pack, [executionRole({ managedPolicyArns: [admin] })]), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.urn).toBe(urnOf(role));
    expect(finding.detail).toBe(
      `Role \`api-execution\` is trusted by ecs-tasks.amazonaws.com and attaches \`${admin}\` through managedPolicyArns: ` +
        "detach it and grant exactly what the tasks need inline, or allow-list it in `allowedManagedPolicyArns`.",
    );
  });

  it("rejects a RolePolicyAttachment found through the engine's property dependency", async () => {
    const attachment = {
      ...managedAttachment(role, readWrite, "make-it-work"),
      props: { role: PREVIEW_UNKNOWN, policyArn: readWrite },
    };
    const finding = onlyFinding(await analyzeAll(pack, [role, attachment]), rule);
    expect(finding.urn).toBe(urnOf(attachment));
    expect(finding.detail).toContain("through aws:iam/rolePolicyAttachment:RolePolicyAttachment `make-it-work`");
  });

  it("rejects a PolicyAttachment that names the role", async () => {
    const attachment = resource("aws:iam/policyAttachment:PolicyAttachment", "shared", {
      roles: ["api-execution"],
      policyArn: readWrite,
    });
    expect(onlyFinding(await analyzeAll(pack, [role, attachment]), rule).detail).toContain(`attaches \`${readWrite}\``);
  });

  it("rejects a RolePolicyAttachmentsExclusive that names the role by ARN", async () => {
    const exclusive = resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "only", {
      roleName: EXECUTION_ROLE_ARN,
      policyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", customer],
    });
    expect(onlyFinding(await analyzeAll(pack, [role, exclusive]), rule).detail).toContain(`attaches \`${customer}\``);
  });

  it("leaves roles that ecs-tasks.amazonaws.com cannot assume alone", async () => {
    const lambdaRole = executionRole(
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        managedPolicyArns: [admin],
      },
      "deployer",
    );
    expect(summarize(await analyzeAll(pack, [lambdaRole]))).toEqual([]);
  });

  it("accepts a managed policy once config allow-lists it", async () => {
    await pack.configure({
      [rule]: {
        allowedManagedPolicyArns: [admin, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
      },
    });
    try {
      expect(summarize(await analyzeAll(pack, [executionRole({ managedPolicyArns: [admin] })]))).toEqual([]);
    } finally {
      await pack.configure({});
    }
  });

  it("rejects extra policyArns on the execution role awsx creates", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        executionRole: {
          args: {
            policyArns: [customer],
            inlinePolicies: [
              {
                name: "read",
                policy: JSON.stringify(
                  allow(
                    "secretsmanager:GetSecretValue",
                    "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry/ghcr.io-AbCdEf",
                  ),
                ),
              },
            ],
          },
        },
      }),
    });
    // awsx's own roles also lack the confused-deputy condition; waive that rule here, with a reason.
    await pack.configure({
      "ecs-trust-confused-deputy": {
        exceptions: [{ urn: urnOf(service), ...waiver("this test is about managed policies") }],
      },
    });
    try {
      const finding = onlyFinding(await analyzeAll(pack, [service]), rule);
      expect(finding.detail).toContain(
        `attaches \`${customer}\` through \`taskDefinitionArgs.executionRole.args.policyArns\``,
      );
      expect(finding.detail).toContain(
        "create it yourself and pass its ARN as `taskDefinitionArgs.executionRole.roleArn`",
      );
    } finally {
      await pack.configure({});
    }
  });
});

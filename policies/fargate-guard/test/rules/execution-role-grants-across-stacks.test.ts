// The execution role lives in registry-access; the service stack names it through its upstream-stack component. What the
// service stack attaches to that role is judged as if it were declared in registry-access.
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { analyzeAll } from "../support/driver";
import { summarize } from "../support/expect-findings";
import { extraPolicy, repositoryConfigs, reported } from "../support/execution-role-grants";
import { resource, taskDefinition, urnOf, EXECUTION_ROLE_ARN, SECRET_ARN } from "../support/fixtures";
import { secretRead } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";

const pack = startInProcessPack();
const stack = "acme/registry-access/prod";
const readWrite = "arn:aws:iam::aws:policy/SecretsManagerReadWrite";

/** registry-access's outputs as the service stack's upstream-stack component holds them. */
function registryAccess(exported: object[] = [secretRead()]) {
  return resource("platform:contracts:UpstreamStack", "registry-access", {
    name: stack,
    outputs: {
      executionRoleArn: EXECUTION_ROLE_ARN,
      registryCredentials: { "ghcr.io": SECRET_ARN },
      executionRolePolicies: {
        inlinePolicies: exported.map((document, index) => ({
          name: `policy-${index}`,
          document: JSON.stringify(document),
        })),
        managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
      },
    },
  });
}

const rolePolicy = (role: string, document: object) =>
  resource("aws:iam/rolePolicy:RolePolicy", "more", { role, policy: JSON.stringify(document) });

describe.each(["dev", "prod"])("grants aimed at another stack's execution role, with config/%s.json", (env) => {
  beforeAll(() => pack.configure(repositoryConfigs[env]!));

  it("reports SecretsManagerReadWrite attached by name in the service stack", async () => {
    const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "make-it-work", {
      role: "api-execution",
      policyArn: readWrite,
    });
    const findings = await analyzeAll(pack, [registryAccess(), taskDefinition(), attachment]);
    expect(summarize(findings)).toEqual([
      "execution-role-least-privilege: aws:iam/rolePolicyAttachment:RolePolicyAttachment `make-it-work` gives " +
        `execution role \`${EXECUTION_ROLE_ARN}\` (exported by stack \`${stack}\`) the AWS managed policy ` +
        `\`${readWrite}\`, far more than ECS needs to start the task: detach it from this stack (the role belongs to ` +
        `stack \`${stack}\`) and grant exactly what ECS needs inline (\`secretsmanager:GetSecretValue\` on the ` +
        "registry secret), or list it in `allowedManagedPolicyArns`.",
    ]);
    expect(reported(findings)).toEqual([`execution-role-least-privilege [mandatory] @${urnOf(attachment)}`]);
  });

  it("reports a RolePolicy that lets the role grant itself more, naming the stack that owns it", async () => {
    const policy = rolePolicy(EXECUTION_ROLE_ARN, extraPolicy({ Action: "iam:AttachRolePolicy", Resource: "*" }));
    const findings = await analyzeAll(pack, [registryAccess(), taskDefinition(), policy]);
    expect(summarize(findings)).toEqual([
      "execution-role-no-privilege-escalation: Policy `more.policy` statement `Extra` lets execution role " +
        `\`${EXECUTION_ROLE_ARN}\` (exported by stack \`${stack}\`) grant itself more: it allows ` +
        `\`iam:AttachRolePolicy\` on \`*\`. Remove it from this stack (the role belongs to stack \`${stack}\`); ` +
        "ECS needs none of these to start a task.",
    ]);
    expect(reported(findings)).toEqual([`execution-role-no-privilege-escalation [mandatory] @${urnOf(policy)}`]);
  });

  it("reports a customer managed policy of the service stack that writes the secret", async () => {
    const managed = resource("aws:iam/policy:Policy", "secret-writer", {
      arn: "arn:aws:iam::123456789012:policy/secret-writer",
      policy: JSON.stringify(extraPolicy({ Action: "secretsmanager:UpdateSecret", Resource: SECRET_ARN })),
    });
    const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "writer", {
      role: "api-execution",
      policyArn: "arn:aws:iam::123456789012:policy/secret-writer",
    });
    const findings = await analyzeAll(pack, [registryAccess(), taskDefinition(), managed, attachment]);
    expect(reported(findings)).toEqual([
      `execution-role-managed-policies [mandatory] @${urnOf(attachment)}`,
      `execution-role-least-privilege [mandatory] @${urnOf(attachment)}`,
    ]);
    expect(findings[1]!.detail).toContain("lets execution role");
    expect(findings[1]!.detail).toContain("change secrets: it allows `secretsmanager:UpdateSecret`");
  });

  it("passes a grant that a Deny exported by the role's own stack takes back", async () => {
    const deny = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }] };
    const policy = rolePolicy("api-execution", extraPolicy({ Action: "iam:PutRolePolicy", Resource: "*" }));
    expect(summarize(await analyzeAll(pack, [registryAccess([secretRead(), deny]), taskDefinition(), policy]))).toEqual(
      [],
    );
  });

  it("leaves roles that no upstream-stack component carries alone", async () => {
    const policy = rolePolicy("someone-else", extraPolicy({ Action: "iam:PutRolePolicy", Resource: "*" }));
    expect(summarize(await analyzeAll(pack, [registryAccess(), taskDefinition(), policy]))).toEqual([]);
  });
});

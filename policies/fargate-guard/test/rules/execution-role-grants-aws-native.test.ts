// The same execution role declared with the aws-native provider: its grants are judged as the @pulumi/aws role's are.
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { analyzeAll } from "../support/driver";
import { summarize } from "../support/expect-findings";
import { extraPolicy, repositoryConfigs, reported } from "../support/execution-role-grants";
import { resource, taskDefinition, urnOf, ACCOUNT, EXECUTION_ROLE_ARN, SECRET_ARN } from "../support/fixtures";
import { ecsTasksTrust, secretRead } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";

const pack = startInProcessPack();

/** An aws-native:iam:Role as the engine records it: documents are objects, not JSON strings. */
function nativeRole(props: Record<string, unknown> = {}, name = "api-execution") {
  return resource("aws-native:iam:Role", name, {
    roleName: name,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    assumeRolePolicyDocument: ecsTasksTrust(),
    policies: [{ policyName: "read-registry-credentials", policyDocument: secretRead() }],
    ...props,
  });
}

describe.each(["dev", "prod"])("aws-native execution roles, with config/%s.json", (env) => {
  beforeAll(() => pack.configure(repositoryConfigs[env]!));

  it("passes a role that reads exactly its secret and attaches only AmazonECSTaskExecutionRolePolicy", async () => {
    const role = nativeRole({ managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()] });
    expect(summarize(await analyzeAll(pack, [role, taskDefinition()]))).toEqual([]);
  });

  it("reports iam:PutRolePolicy in the role's own policies, on the role", async () => {
    const role = nativeRole({
      managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
      policies: [
        { policyName: "read", policyDocument: secretRead() },
        { policyName: "more", policyDocument: extraPolicy({ Action: "iam:PutRolePolicy", Resource: "*" }) },
      ],
    });
    const findings = await analyzeAll(pack, [role, taskDefinition()]);
    expect(summarize(findings)).toEqual([
      "execution-role-no-privilege-escalation: Policy `api-execution.policies[1] (more)` statement `Extra` lets " +
        "execution role `api-execution` grant itself more: it allows `iam:PutRolePolicy` on `*`. Remove it; ECS " +
        "needs none of these to start a task.",
    ]);
    expect(reported(findings)).toEqual([`execution-role-no-privilege-escalation [mandatory] @${urnOf(role)}`]);
  });

  it("finds the role through the task definition, and reports a RolePolicy that writes the secret", async () => {
    const policy = resource("aws-native:iam:RolePolicy", "writer", {
      roleName: "api-execution",
      policyName: "writer",
      policyDocument: extraPolicy({ Action: "secretsmanager:PutSecretValue", Resource: SECRET_ARN }),
    });
    const findings = await analyzeAll(pack, [nativeRole(), policy, taskDefinition()]);
    expect(reported(findings)).toEqual([`execution-role-least-privilege [mandatory] @${urnOf(policy)}`]);
    expect(findings[0]!.detail).toContain("change secrets: it allows `secretsmanager:PutSecretValue`");
  });

  it("reports a ManagedPolicy aimed at another stack's execution role", async () => {
    const reference = resource("platform:contracts:UpstreamStack", "registry-access", {
      name: "acme/registry-access/prod",
      outputs: { executionRoleArn: EXECUTION_ROLE_ARN, registryCredentials: { "ghcr.io": SECRET_ARN } },
    });
    const managed = resource("aws-native:iam:ManagedPolicy", "assume", {
      roles: ["api-execution"],
      policyDocument: extraPolicy({ Action: "sts:AssumeRole", Resource: "*" }),
    });
    const findings = await analyzeAll(pack, [reference, managed]);
    expect(reported(findings)).toEqual([`execution-role-no-privilege-escalation [mandatory] @${urnOf(managed)}`]);
  });
});

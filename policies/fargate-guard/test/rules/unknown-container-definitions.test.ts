// A raw task definition whose `containerDefinitions` is built inside an apply is unknown during preview. The
// rules that read only task-level inputs still judge them; the rules that need the containers say plainly
// that the containers could not be judged.
import { startInProcessPack } from "../support/in-process";
import { EXECUTION_ROLE_ARN, taskDefinition } from "../support/fixtures";
import { executionRole, managedAttachment } from "../support/fixtures-iam";
import { summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();

const UNKNOWN =
  "`containerDefinitions` is built from values a preview does not know yet (an `apply` over other resources' " +
  "outputs), so its containers could not be judged; `pulumi up` judges them once they are known.";
const containerRules = [
  "private-image-credentials",
  "registry-credentials-secret-arn",
  "container-logging",
  "no-secrets-in-environment",
  "image-digest-pinned",
];

describe("a raw task definition whose containerDefinitions is unknown during preview", () => {
  it("judges cpu, memory and the two roles, and reports each container rule's unknown once, in plain words", async () => {
    const findings = await pack.analyze(
      taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN, memory: "768", taskRoleArn: EXECUTION_ROLE_ARN }),
    );
    expect(summarize(findings).sort()).toEqual(
      [
        "fargate-task-size: `cpu` is 256, so `memory` must be 512, 1024 or 2048 MiB (got `768`).",
        `separate-task-and-execution-roles: \`executionRoleArn\` and \`taskRoleArn\` are both \`${EXECUTION_ROLE_ARN}\`: ` +
          "give the task a separate task role, so application code cannot read the registry credentials.",
        ...containerRules.map(
          (rule) =>
            `${rule}: can't run policy '${rule}' from policy pack 'fargate-guard@v0.1.0' during preview: ${UNKNOWN}`,
        ),
      ].sort(),
    );
    expect(findings.filter((f) => containerRules.includes(f.policyName)).map((f) => f.enforcementLevel)).toEqual(
      containerRules.map(() => "advisory"),
    );
  });

  it("reports nothing of the task-level rules when cpu, memory and roles are right", async () => {
    const findings = await pack.analyze(taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN }));
    expect(findings.map((f) => f.policyName).sort()).toEqual([...containerRules].sort());
  });

  it("judges the execution role's managed policies across the stack while the containers are unknown", async () => {
    const findings = await pack.analyzeStack([taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN })]);
    expect(findings.map((f) => f.policyName)).not.toContain("execution-role-managed-policies");
    expect(findings.map((f) => f.policyName)).not.toContain("ecs-trust-confused-deputy");
  });

  it("still proves the registry read of a known task definition beside it, and reports the unknown one", async () => {
    const role = executionRole({ inlinePolicies: [] });
    const unknown = taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN }, "built-in-apply");
    const findings = await pack.analyzeStack([role, managedAttachment(role), unknown, taskDefinition()]);
    expect(summarize(findings.filter((f) => f.policyName === "execution-role-can-read-registry-secret"))).toEqual([
      expect.stringMatching(/reads registry credentials from .* but execution role `api-execution` cannot/),
      `execution-role-can-read-registry-secret: can't run policy 'execution-role-can-read-registry-secret' from policy pack 'fargate-guard@v0.1.0' during preview: ${UNKNOWN}`,
    ]);
  });
});

// A raw task definition whose `containerDefinitions` is built inside an apply is unknown during preview. The
// rules that read only task-level inputs still judge them; the rules that need the containers report them as
// not judged, at their own level: an unknown is never a pass.
import { startInProcessPack } from "../support/in-process";
import { EXECUTION_ROLE_ARN, taskDefinition } from "../support/fixtures";
import { executionRole, managedAttachment } from "../support/fixtures-iam";
import { summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();

const UNKNOWN =
  "Not judged: `containerDefinitions` is built from values this preview does not know (an `apply` over outputs " +
  "that are unknown until deployment), so its containers could not be checked. An unknown is not a pass: make the " +
  "value known before deployment (from config or stack outputs), or, once reviewed, add an exception with a reason " +
  "and an expiry.";
const containerRules = [
  "private-image-credentials",
  "registry-credentials-secret-arn",
  "container-logging",
  "no-secrets-in-environment",
  "image-digest-pinned",
  "container-not-privileged",
  "no-added-capabilities",
  "container-read-only-root-filesystem",
  "container-non-root-user",
];

describe("a raw task definition whose containerDefinitions is unknown during preview", () => {
  it("judges cpu, memory and the two roles, and reports each container rule as not judged once, at its level", async () => {
    const findings = await pack.analyze(
      taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN, memory: "768", taskRoleArn: EXECUTION_ROLE_ARN }),
    );
    expect(summarize(findings).sort()).toEqual(
      [
        "fargate-task-size: `cpu` is 256, so `memory` must be 512, 1024 or 2048 MiB (got `768`).",
        `separate-task-and-execution-roles: \`executionRoleArn\` and \`taskRoleArn\` are both \`${EXECUTION_ROLE_ARN}\`: ` +
          "give the task a separate task role, so application code cannot read the registry credentials.",
        ...containerRules.map((rule) => `${rule}: ${UNKNOWN}`),
      ].sort(),
    );
    expect(findings.filter((f) => containerRules.includes(f.policyName)).map((f) => f.enforcementLevel)).toEqual(
      // Built-in levels: the registry rules, no-secrets-in-environment and the open doors (privileged, capabilities)
      // are mandatory, so their unknowns fail.
      ["mandatory", "mandatory", "advisory", "mandatory", "advisory", "mandatory", "mandatory", "advisory", "advisory"],
    );
  });

  it("judges the host namespaces, which are task-level, while the containers are unknown", async () => {
    const findings = await pack.analyze(taskDefinition({ containerDefinitions: PREVIEW_UNKNOWN, pidMode: "host" }));
    expect(findings.filter((f) => !containerRules.includes(f.policyName)).map((f) => f.detail)).toEqual([
      "`pidMode` is `host`: the task shares the host's process namespace. Set it to `task` or remove it.",
    ]);
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
      `execution-role-can-read-registry-secret: ${UNKNOWN}`,
    ]);
  });
});

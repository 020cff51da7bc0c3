// Grants that reach an execution role through a resource's own policy count as the role's: a role it may assume,
// a secret, key or repository policy that allows it more than reading its secret, decrypting and pulling. And what
// ECS itself does with the role (AWS's documented statement, the task's `secrets`) passes with no config.
import { ecsTaskExecutionManagedPolicyArn, secretReadPolicy } from "@platform/iam";
import { analyzeAll, type Finding } from "../support/driver";
import { extraPolicy, repositoryConfigs } from "../support/execution-role-grants";
import {
  container,
  resource,
  taskDefinition,
  urnOf,
  ACCOUNT,
  EXECUTION_ROLE_ARN,
  KMS_KEY_ARN,
  REGION,
  SECRET_ARN,
} from "../support/fixtures";
import { ecsTasksTrust, executionRole, managedAttachment, registrySecret, secretRead } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";

const pack = startInProcessPack();
const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
const parameter = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/api/db-password`;
const dbSecret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api/db-Zx12Yq`;

const described = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.policyName} [${f.enforcementLevel}] @${f.urn}: ${f.detail}`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mandatory = (rule: string, at: { type: string; name: string }, text: string): unknown =>
  expect.stringMatching(new RegExp(`^${rule} \\[mandatory\\] @${escape(urnOf(at))}: .*${escape(text)}`));
/** A resource policy statement allowing the execution role `action`. */
const grantToRole = (action: string | string[], extra: object = {}) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: EXECUTION_ROLE_ARN }, Action: action, Resource: "*", ...extra }],
});
/** The compliant execution role, its ECS policy and a task definition naming it. */
const compliant = () => {
  const role = executionRole();
  return [role, managedAttachment(role), taskDefinition()];
};

describe.each(["built-in", "prod"])("resource policies with %s levels", (levels) => {
  beforeAll(() => pack.configure(levels === "prod" ? repositoryConfigs.prod! : {}));

  it("counts a role whose trust policy names the execution role with that role's permissions", async () => {
    const assumable = executionRole(
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: EXECUTION_ROLE_ARN }, Action: "sts:AssumeRole" }],
        }),
        inlinePolicies: [],
      },
      "admin",
    );
    const attachment = managedAttachment(assumable, admin, "admin-access");
    const findings = await analyzeAll(pack, [...compliant(), assumable, attachment]);
    expect(described(findings)).toContainEqual(
      mandatory(
        "execution-role-least-privilege",
        attachment,
        "gives role `admin` (which execution role `api-execution` may assume: its trust policy names it) " +
          `the AWS managed policy \`${admin}\``,
      ),
    );
  });

  it("reports a SecretPolicy on the registry secret that grants the execution role secretsmanager:*", async () => {
    const policy = resource("aws:secretsmanager/secretPolicy:SecretPolicy", "registry-secret-policy", {
      secretArn: SECRET_ARN,
      policy: JSON.stringify(grantToRole("secretsmanager:*")),
    });
    const findings = await analyzeAll(pack, [...compliant(), registrySecret(), policy]);
    expect(described(findings)).toContainEqual(
      mandatory(
        "execution-role-least-privilege",
        policy,
        `change secrets: it allows \`secretsmanager:CancelRotateSecret\``,
      ),
    );
  });

  it("reads a SecretPolicy that allows everyone under a condition as a grant to the role", async () => {
    const policy = resource("aws:secretsmanager/secretPolicy:SecretPolicy", "registry-secret-policy", {
      secretArn: SECRET_ARN,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "secretsmanager:DeleteSecret",
            Resource: "*",
            Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/api-*" } },
          },
        ],
      }),
    });
    expect(described(await analyzeAll(pack, [...compliant(), registrySecret(), policy]))).toEqual([
      mandatory("execution-role-least-privilege", policy, "change secrets: it allows `secretsmanager:DeleteSecret`"),
    ]);
  });

  it("reports a key policy that lets the execution role create grants", async () => {
    const key = resource("aws:kms/key:Key", "registry-credentials", {
      arn: KMS_KEY_ARN,
      enableKeyRotation: true,
      policy: JSON.stringify(grantToRole(["kms:Decrypt", "kms:CreateGrant"])),
    });
    expect(described(await analyzeAll(pack, [...compliant(), key]))).toEqual([
      mandatory("execution-role-no-privilege-escalation", key, "`kms:CreateGrant` on `" + KMS_KEY_ARN + "`"),
    ]);
  });

  it("reports a KMS grant that lets the execution role create grants, and passes one that only decrypts", async () => {
    const grant = (operations: string[]) =>
      resource("aws:kms/grant:Grant", "execution-decrypt", {
        keyId: KMS_KEY_ARN,
        granteePrincipal: EXECUTION_ROLE_ARN,
        operations,
      });
    expect(described(await analyzeAll(pack, [...compliant(), grant(["Decrypt"])]))).toEqual([]);
    const wide = grant(["Decrypt", "CreateGrant"]);
    expect(described(await analyzeAll(pack, [...compliant(), wide]))).toEqual([
      mandatory("execution-role-no-privilege-escalation", wide, "`kms:CreateGrant` on `" + KMS_KEY_ARN + "`"),
    ]);
  });

  it("reports a repository policy that lets the execution role push, and passes one that lets it pull", async () => {
    const repositoryPolicy = (actions: string[]) =>
      resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "api-images", {
        repository: "api",
        policy: JSON.stringify(grantToRole(actions)),
      });
    const pull = repositoryPolicy(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]);
    expect(described(await analyzeAll(pack, [...compliant(), pull]))).toEqual([]);
    const push = repositoryPolicy(["ecr:BatchGetImage", "ecr:PutImage"]);
    expect(described(await analyzeAll(pack, [...compliant(), push]))).toEqual([
      mandatory("execution-role-least-privilege", push, "`ecr:PutImage` on `arn:aws:ecr:*:*:repository/api`"),
    ]);
  });
});

describe.each(["built-in", "prod"])("what ECS does with the role passes, with %s levels", (levels) => {
  beforeAll(() => pack.configure(levels === "prod" ? repositoryConfigs.prod! : {}));

  it("passes AWS's documented execution-role statement: GetSecretValue and Decrypt on the secret and the key", async () => {
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
    expect(described(await analyzeAll(pack, [role, managedAttachment(role), taskDefinition()]))).toEqual([]);
  });

  it.each([
    ["an ARN", parameter],
    ["a name", "/api/db-password"],
  ])("passes `secrets` from Parameter Store named by %s, read on exactly that ARN", async (_how, valueFrom) => {
    const reads = extraPolicy({ Action: "ssm:GetParameters", Resource: parameter }, [
      { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: dbSecret },
    ]);
    const role = executionRole({
      inlinePolicies: [
        { name: "read-registry-credentials", policy: JSON.stringify(secretRead()) },
        { name: "task-secrets", policy: JSON.stringify(reads) },
      ],
    });
    const secrets = [
      { name: "DB_PASSWORD", valueFrom },
      { name: "DB_USER", valueFrom: `${dbSecret}:username::` },
    ];
    const task = taskDefinition({ containers: [container({ secrets })] });
    expect(described(await analyzeAll(pack, [role, managedAttachment(role), task]))).toEqual([]);
  });

  it("passes a role exported by registry-access that reads its own secret", async () => {
    const reference = resource("platform:contracts:UpstreamStack", "registry-access", {
      name: "acme/registry-access/prod",
      outputs: {
        executionRoleArn: EXECUTION_ROLE_ARN,
        registryCredentials: { "ghcr.io": SECRET_ARN },
        executionRolePolicies: {
          inlinePolicies: [
            { name: "read", document: JSON.stringify(secretReadPolicy({ secretArns: [SECRET_ARN], region: REGION })) },
          ],
          managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
        },
      },
    });
    expect(described(await analyzeAll(pack, [reference, taskDefinition()]))).toEqual([]);
  });

  it("asks to narrow a wider Parameter Store read to the task's `secrets`, never to move it to the task role", async () => {
    const role = executionRole({
      inlinePolicies: [
        { name: "read-registry-credentials", policy: JSON.stringify(secretRead()) },
        { name: "extra", policy: JSON.stringify(extraPolicy({ Action: "ssm:GetParameters", Resource: "*" })) },
      ],
    });
    const task = taskDefinition({
      containers: [container({ secrets: [{ name: "DB_PASSWORD", valueFrom: parameter }] })],
    });
    expect(described(await analyzeAll(pack, [role, managedAttachment(role), task]))).toEqual([
      mandatory(
        "execution-role-least-privilege",
        role,
        "ECS reads the task's `secrets` with this role, so grant it on exactly the parameters their `valueFrom` " +
          `names (\`${parameter}\`), or list the action in \`allowedActions\`.`,
      ),
    ]);
  });
});

it("passes an assumable role whose trust policy names only other principals", async () => {
  await pack.configure({});
  const other = executionRole(
    {
      assumeRolePolicy: JSON.stringify(ecsTasksTrust()),
      inlinePolicies: [],
      managedPolicyArns: [],
    },
    "other",
  );
  expect(described(await analyzeAll(pack, [...compliant(), other, managedAttachment(other, admin, "x")]))).toEqual([
    expect.stringMatching(/^execution-role-managed-policies \[advisory\]/),
  ]);
});

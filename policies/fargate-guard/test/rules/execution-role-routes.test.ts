// What IAM would allow an execution role, by any route present in the plan, is judged: whichever resource carries
// the statement, however it is written, whichever provider declares it. Each route must give a mandatory finding at
// the pack's built-in levels (no config file), as an outside team runs it.
import { ecsTaskExecutionManagedPolicyArn } from "@platform/iam";
import { analyzeAll, type Finding } from "../support/driver";
import { extraPolicy } from "../support/execution-role-grants";
import {
  awsxFargateService,
  awsxTaskDefinitionArgs,
  resource,
  taskDefinition,
  urnOf,
  ACCOUNT,
  EXECUTION_ROLE_ARN,
  SECRET_ARN,
} from "../support/fixtures";
import { ecsTasksTrust, executionRole, managedAttachment, secretRead } from "../support/fixtures-iam";
import { startInProcessPack } from "../support/in-process";

const pack = startInProcessPack();
const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
const readWrite = "arn:aws:iam::aws:policy/SecretsManagerReadWrite";

/** "rule [level] @urn: detail" of every finding. */
const described = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.policyName} [${f.enforcementLevel}] @${f.urn}: ${f.detail}`);
/** Expects a mandatory finding of `rule` on `at` whose detail contains `text`. */
const mandatory = (rule: string, at: { type: string; name: string }, text: string): unknown =>
  expect.stringMatching(new RegExp(`^${rule} \\[mandatory\\] @${escape(urnOf(at))}: .*${escape(text)}`));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const rolePolicy = (role: string, document: object, name = "more") =>
  resource("aws:iam/rolePolicy:RolePolicy", name, { role, policy: JSON.stringify(document) });

beforeAll(() => pack.configure({}));

describe("a role the task definition names but this stack does not declare", () => {
  it.each([
    ["secretsmanager:*", "execution-role-least-privilege", "change secrets"],
    ["iam:PutRolePolicy", "execution-role-no-privilege-escalation", "grant itself more"],
    ["sts:AssumeRole", "execution-role-no-privilege-escalation", "`sts:AssumeRole` on `*`"],
  ])("reports %s on * in a RolePolicy aimed at it by name", async (action, rule, text) => {
    const policy = rolePolicy("api-execution", extraPolicy({ Action: action, Resource: "*" }));
    const findings = await analyzeAll(pack, [taskDefinition(), policy]);
    expect(described(findings)).toContainEqual(mandatory(rule, policy, text));
    const subject = `execution role \`${EXECUTION_ROLE_ARN}\` (declared outside this stack)`;
    expect(described(findings)).toContainEqual(mandatory(rule, policy, subject));
  });

  it("reports SecretsManagerReadWrite attached to it, matching the role name case-insensitively", async () => {
    const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "make-it-work", {
      role: "API-Execution",
      policyArn: readWrite,
    });
    expect(described(await analyzeAll(pack, [taskDefinition(), attachment]))).toEqual([
      `execution-role-least-privilege [mandatory] @${urnOf(attachment)}: ` +
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment `make-it-work` gives execution role " +
        `\`${EXECUTION_ROLE_ARN}\` (declared outside this stack) the AWS managed policy \`${readWrite}\`, far more ` +
        "than ECS needs to start the task: detach it from this stack and grant exactly what ECS needs inline " +
        "(`secretsmanager:GetSecretValue` on the registry secret), or list it in `allowedManagedPolicyArns`.",
    ]);
  });
});

describe("policy variables in Resource", () => {
  it.each([
    ["iam:*", "arn:aws:iam::${aws:PrincipalAccount}:*", "execution-role-no-privilege-escalation"],
    [
      "iam:PutRolePolicy",
      "arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}",
      "execution-role-no-privilege-escalation",
    ],
    ["kms:CreateGrant", "arn:aws:kms:*:${aws:PrincipalAccount}:key/*", "execution-role-no-privilege-escalation"],
    ["secretsmanager:*", "arn:aws:secretsmanager:*:${aws:PrincipalAccount}:secret:*", "execution-role-least-privilege"],
  ])("match anything: %s on %s is reported", async (action, arn, rule) => {
    const role = executionRole();
    const policy = rolePolicy("api-execution", extraPolicy({ Action: action, Resource: arn }));
    const findings = await analyzeAll(pack, [role, managedAttachment(role), taskDefinition(), policy]);
    expect(described(findings)).toContainEqual(mandatory(rule, policy, `on \`${arn}\``));
  });

  it("never make a secret ARN exact", async () => {
    const arn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:\${aws:username}-AbCdEf`;
    const policy = rolePolicy("api-execution", extraPolicy({ Action: "secretsmanager:GetSecretValue", Resource: arn }));
    expect(described(await analyzeAll(pack, [policy]))).toContainEqual(
      mandatory("secret-access-least-privilege", policy, `on \`${arn}\`: name exact secret ARNs`),
    );
  });
});

describe("actions on resources of another service's ARN format", () => {
  it.each([
    ["ssm:SendCommand", "arn:aws:ec2:*:*:instance/*"],
    ["ssm:StartSession", "arn:aws:ec2:*:*:instance/*"],
    ["ec2-instance-connect:SendSSHPublicKey", "arn:aws:ec2:*:*:instance/*"],
    ["kafka-cluster:*", `arn:aws:kafka:us-east-1:${ACCOUNT}:cluster/*`],
    ["redshift-data:*", `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:*`],
  ])("reports %s on %s", async (action, arn) => {
    const role = executionRole();
    const policy = rolePolicy("api-execution", extraPolicy({ Action: action, Resource: arn }));
    const findings = await analyzeAll(pack, [role, managedAttachment(role), taskDefinition(), policy]);
    expect(described(findings)).toEqual([
      mandatory("execution-role-least-privilege", policy, `on \`${arn}\`, beyond what ECS needs to start the task`),
    ]);
  });
});

describe("aws-native roles and policies", () => {
  const nativeRole = (props: object = {}) =>
    resource("aws-native:iam:Role", "api-execution", {
      roleName: "api-execution",
      arn: EXECUTION_ROLE_ARN,
      assumeRolePolicyDocument: ecsTasksTrust(),
      policies: [{ policyName: "read", policyDocument: secretRead() }],
      managedPolicyArns: [ecsTaskExecutionManagedPolicyArn()],
      ...props,
    });

  it("reports AdministratorAccess in the managedPolicyArns of a role a task definition names", async () => {
    const role = nativeRole({ managedPolicyArns: [ecsTaskExecutionManagedPolicyArn(), admin] });
    expect(described(await analyzeAll(pack, [role, taskDefinition()]))).toEqual([
      mandatory("execution-role-least-privilege", role, `the AWS managed policy \`${admin}\``),
    ]);
  });

  it("reports iam:* in a RolePolicy whose roleName is the execution role", async () => {
    const policy = resource("aws-native:iam:RolePolicy", "more", {
      roleName: "api-execution",
      policyName: "more",
      policyDocument: extraPolicy({ Action: "iam:*", Resource: "*" }),
    });
    expect(described(await analyzeAll(pack, [nativeRole(), policy, taskDefinition()]))).toContainEqual(
      mandatory("execution-role-no-privilege-escalation", policy, "grant itself more"),
    );
  });

  it("finds the execution role an aws-native task definition names, and its Parameter Store `secrets`", async () => {
    const parameter = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/api/db-password`;
    const task = resource("aws-native:ecs:TaskDefinition", "api", {
      executionRoleArn: EXECUTION_ROLE_ARN,
      containerDefinitions: [{ name: "app", image: "nginx", secrets: [{ name: "DB", valueFrom: parameter }] }],
    });
    const reads = extraPolicy({ Action: "ssm:GetParameters", Resource: parameter });
    const scoped = rolePolicy("api-execution", reads, "scoped");
    expect(described(await analyzeAll(pack, [task, scoped]))).toEqual([]);
    const wide = rolePolicy("api-execution", extraPolicy({ Action: "ecr:PutImage", Resource: "*" }), "wide");
    expect(described(await analyzeAll(pack, [task, wide]))).toEqual([
      mandatory("execution-role-least-privilege", wide, "do `ecr:PutImage` on `*`"),
    ]);
  });

  it("reports an aws-native secret resource policy that lets the execution role write the secret", async () => {
    const policy = resource("aws-native:secretsmanager:ResourcePolicy", "registry-secret-policy", {
      secretId: SECRET_ARN,
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: EXECUTION_ROLE_ARN },
            Action: "secretsmanager:PutSecretValue",
            Resource: "*",
          },
        ],
      },
    });
    expect(described(await analyzeAll(pack, [nativeRole(), policy, taskDefinition()]))).toEqual([
      mandatory("execution-role-least-privilege", policy, "change secrets: it allows `secretsmanager:PutSecretValue`"),
    ]);
  });

  it("reports a ManagedPolicy attached through the role's managedPolicyArns", async () => {
    const managedArn = `arn:aws:iam::${ACCOUNT}:policy/more`;
    const managed = resource("aws-native:iam:ManagedPolicy", "more", {
      policyArn: managedArn,
      policyDocument: extraPolicy({ Action: "iam:*", Resource: "*" }),
    });
    const role = nativeRole({ managedPolicyArns: [ecsTaskExecutionManagedPolicyArn(), managedArn] });
    expect(described(await analyzeAll(pack, [role, managed, taskDefinition()]))).toContainEqual(
      mandatory("execution-role-no-privilege-escalation", managed, "grant itself more"),
    );
  });
});

describe("a role that copies AmazonECSTaskExecutionRolePolicy inline instead of attaching it", () => {
  const ecsCopy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchGetImage",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
        ],
        Resource: "*",
      },
      { Effect: "Allow", Action: "iam:*", Resource: "*" },
    ],
  };

  it("is an execution role in its own stack, which declares no task", async () => {
    const role = executionRole({
      inlinePolicies: [
        { name: "read", policy: JSON.stringify(secretRead()) },
        { name: "ecs", policy: JSON.stringify(ecsCopy) },
      ],
    });
    expect(described(await analyzeAll(pack, [role]))).toContainEqual(
      mandatory("execution-role-no-privilege-escalation", role, "it allows `iam:"),
    );
  });

  it("is judged in a consumer that reads its exported policies", async () => {
    const reference = resource("platform:contracts:UpstreamStack", "registry-access", {
      name: "acme/registry-access/prod",
      outputs: {
        executionRoleArn: EXECUTION_ROLE_ARN,
        registryCredentials: { "ghcr.io": SECRET_ARN },
        executionRolePolicies: {
          inlinePolicies: [
            { name: "read", document: JSON.stringify(secretRead()) },
            { name: "ecs", document: JSON.stringify(ecsCopy) },
          ],
          managedPolicyArns: [],
        },
      },
    });
    const findings = described(await analyzeAll(pack, [reference, taskDefinition()]));
    const rule = "execution-role-no-privilege-escalation";
    expect(findings).toContainEqual(mandatory(rule, reference, "(ecs) of stack `acme/registry-access/prod`"));
    expect(findings).toContainEqual(
      mandatory(rule, reference, "from stack `acme/registry-access/prod`, which owns the role and exports it;"),
    );
  });
});

describe("AWS managed policies, whichever way they are attached", () => {
  it("reports AdministratorAccess attached by a RolePolicyAttachment, mandatory at built-in levels", async () => {
    const role = executionRole();
    const attachment = managedAttachment(role, admin, "admin");
    const findings = await analyzeAll(pack, [role, managedAttachment(role), attachment, taskDefinition()]);
    expect(described(findings)).toEqual([
      mandatory("execution-role-least-privilege", attachment, `the AWS managed policy \`${admin}\``),
    ]);
  });

  it("reports AdministratorAccess in awsx executionRole.args.policyArns", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        executionRole: {
          args: { policyArns: [admin], inlinePolicies: [{ name: "read", policy: JSON.stringify(secretRead()) }] },
        },
      }),
    });
    expect(described(await analyzeAll(pack, [service]))).toContainEqual(
      mandatory(
        "execution-role-least-privilege",
        service,
        "`taskDefinitionArgs.executionRole.args.policyArns` of `api` gives the execution role awsx creates",
      ),
    );
  });
});

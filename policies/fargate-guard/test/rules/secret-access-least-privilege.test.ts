import { startInProcessPack } from "../support/in-process";
import { resource, ACCOUNT, KMS_KEY_ARN, SECRET_ARN } from "../support/fixtures";
import { allow, executionRole, secretRead } from "../support/fixtures-iam";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "secret-access-least-privilege";
const secretPrefix = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:registry/ghcr.io`;

/** The same document in every IAM shape the rule reads. */
const shapes: Array<[string, (document: object) => ReturnType<typeof resource>]> = [
  ["a role's inline policy", (d) => executionRole({ inlinePolicies: [{ name: "grant", policy: JSON.stringify(d) }] })],
  [
    "an aws:iam/rolePolicy:RolePolicy",
    (d) => resource("aws:iam/rolePolicy:RolePolicy", "grant", { role: "api-execution", policy: JSON.stringify(d) }),
  ],
  ["an aws:iam/policy:Policy", (d) => resource("aws:iam/policy:Policy", "grant", { policy: JSON.stringify(d) })],
  [
    "an aws:iam/userPolicy:UserPolicy",
    (d) => resource("aws:iam/userPolicy:UserPolicy", "grant", { user: "ci", policy: JSON.stringify(d) }),
  ],
  [
    "an aws:iam/groupPolicy:GroupPolicy",
    (d) => resource("aws:iam/groupPolicy:GroupPolicy", "grant", { group: "ops", policy: JSON.stringify(d) }),
  ],
  ["a policy given as an object, not a JSON string", (d) => resource("aws:iam/policy:Policy", "grant", { policy: d })],
  [
    "an aws-native:iam:Role's policies",
    (d) => resource("aws-native:iam:Role", "grant", { policies: [{ policyName: "grant", policyDocument: d }] }),
  ],
  [
    "an aws-native:iam:RolePolicy",
    (d) => resource("aws-native:iam:RolePolicy", "grant", { roleName: "api-execution", policyDocument: d }),
  ],
  [
    "an aws-native:iam:ManagedPolicy",
    (d) => resource("aws-native:iam:ManagedPolicy", "grant", { roles: ["api-execution"], policyDocument: d }),
  ],
  [
    "an aws-native:iam:UserPolicy",
    (d) => resource("aws-native:iam:UserPolicy", "grant", { userName: "ci", policyDocument: d }),
  ],
  [
    "an aws-native:iam:GroupPolicy",
    (d) => resource("aws-native:iam:GroupPolicy", "grant", { groupName: "ops", policyDocument: d }),
  ],
  [
    "an aws-native:iam:User's policies",
    (d) => resource("aws-native:iam:User", "grant", { policies: [{ policyName: "grant", policyDocument: d }] }),
  ],
  [
    "an aws-native:iam:Group's policies",
    (d) => resource("aws-native:iam:Group", "grant", { policies: [{ policyName: "grant", policyDocument: d }] }),
  ],
];

describe("secret-access-least-privilege", () => {
  it.each([
    ["an exact secret ARN", allow("secretsmanager:GetSecretValue", SECRET_ARN)],
    ["the name-?????? form", allow("secretsmanager:GetSecretValue", `${secretPrefix}-??????`)],
    ["kms:Decrypt on an exact key ARN", secretRead(KMS_KEY_ARN)],
    ["wildcards on actions that read no secret", allow(["logs:*", "ecr:*"], "*")],
  ])("accepts %s", async (_label, document) => {
    const [, build] = shapes[2]!;
    expect(summarize(await pack.analyze(build(document)))).toEqual([]);
  });

  it.each(shapes)("rejects GetSecretValue on `*` in %s", async (_label, build) => {
    const finding = onlyFinding(await pack.analyze(build(allow("secretsmanager:GetSecretValue", "*"))), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toMatch(
      /^Policy `[^`]+` statement `Grant` allows secretsmanager:GetSecretValue on `\*`: name exact secret ARNs/,
    );
  });

  it.each([
    ["`name*`", "secretsmanager:GetSecretValue", `${secretPrefix}*`, ""],
    ["`name-*`", "secretsmanager:GetSecretValue", `${secretPrefix}-*`, ""],
    ["a grant through `secretsmanager:*`", "secretsmanager:*", `${secretPrefix}-*`, " (through `secretsmanager:*`)"],
    [
      "a grant through `secretsmanager:Get*`",
      "secretsmanager:Get*",
      `${secretPrefix}*`,
      " (through `secretsmanager:Get*`)",
    ],
  ])("rejects %s", async (_label, action, resourceArn, via) => {
    const finding = onlyFinding(await pack.analyze(shapes[2]![1](allow(action, resourceArn))), rule);
    expect(finding.detail).toContain(`allows secretsmanager:GetSecretValue${via} on \`${resourceArn}\``);
  });

  it("rejects NotResource on a statement that grants GetSecretValue", async () => {
    const document = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: SECRET_ARN }],
    };
    expect(onlyFinding(await pack.analyze(shapes[2]![1](document)), rule).detail).toContain(
      "statement #1 allows secretsmanager:GetSecretValue with NotResource",
    );
  });

  it("expands NotAction: everything but kms:* still reads every secret", async () => {
    const document = {
      Version: "2012-10-17",
      Statement: [{ Sid: "AllButKms", Effect: "Allow", NotAction: "kms:*", Resource: "*" }],
    };
    expect(onlyFinding(await pack.analyze(shapes[2]![1](document)), rule).detail).toContain(
      'allows secretsmanager:GetSecretValue (through `NotAction "kms:*"`) on `*`',
    );
  });

  describe("judges what a statement grants, not how it is written", () => {
    /** AWS's documented execution-role statement: "Private registry authentication permissions" (Amazon ECS). */
    const awsDocumented = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["kms:Decrypt", "secretsmanager:GetSecretValue"],
          Resource: [SECRET_ARN, KMS_KEY_ARN],
        },
      ],
    };
    const readOnly = (statement: object) => ({ Version: "2012-10-17", Statement: [statement] });

    it("accepts AWS's documented statement: a key ARN grants GetSecretValue nothing, a secret ARN grants kms:Decrypt nothing", async () => {
      expect(summarize(await pack.analyze(shapes[2]![1](awsDocumented)))).toEqual([]);
    });

    it("accepts the same statement in a role's inline policy", async () => {
      expect(summarize(await pack.analyze(shapes[0]![1](awsDocumented)))).toEqual([]);
    });

    it.each([
      ["`*`", "*"],
      ["a secret-name wildcard", `${secretPrefix}*`],
      ["`arn:aws:secretsmanager:*:*:secret:*`", "arn:aws:secretsmanager:*:*:secret:*"],
      ["a service wildcard that can be Secrets Manager", `arn:aws:*:us-east-1:${ACCOUNT}:*`],
    ])("still rejects the documented statement widened with %s", async (_label, widened) => {
      const document = readOnly({ ...awsDocumented.Statement[0], Resource: [SECRET_ARN, KMS_KEY_ARN, widened] });
      expect(detailsOf(await pack.analyze(shapes[2]![1](document)), rule)).toEqual(
        expect.arrayContaining([expect.stringContaining(`allows secretsmanager:GetSecretValue on \`${widened}\``)]),
      );
    });

    it("rejects NotResource with a narrow exclusion, which grants every other secret", async () => {
      const document = readOnly({
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        NotResource: [`${secretPrefix}-AbCdEf`],
      });
      expect(onlyFinding(await pack.analyze(shapes[2]![1](document)), rule).detail).toContain(
        "with NotResource, which grants every secret not listed",
      );
    });

    it("accepts NotResource that excludes every secret, since it grants GetSecretValue on none", async () => {
      const document = readOnly({
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        NotResource: "arn:aws:secretsmanager:*:*:secret:*",
      });
      expect(summarize(await pack.analyze(shapes[2]![1](document)))).toEqual([]);
    });

    it("accepts a wildcard that an unconditional Deny takes back, read with the IAM simulator", async () => {
      const document = {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
          { Effect: "Deny", Action: "secretsmanager:*", NotResource: SECRET_ARN },
        ],
      };
      expect(summarize(await pack.analyze(shapes[2]![1](document)))).toEqual([]);
    });

    it("still rejects the wildcard when the Deny has a condition that may not hold", async () => {
      const document = {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
          {
            Effect: "Deny",
            Action: "secretsmanager:*",
            NotResource: SECRET_ARN,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      };
      expect(onlyFinding(await pack.analyze(shapes[2]![1](document)), rule).detail).toContain(
        "allows secretsmanager:GetSecretValue on `*`",
      );
    });

    it("rejects kms:Decrypt on `*` even when it is conditioned on kms:ViaService", async () => {
      const document = readOnly({
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      });
      expect(onlyFinding(await pack.analyze(shapes[2]![1](document)), rule).detail).toContain(
        "allows kms:Decrypt on `*`",
      );
    });
  });

  it("rejects kms:Decrypt on an alias instead of a key ARN", async () => {
    const alias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/registry`;
    expect(onlyFinding(await pack.analyze(shapes[2]![1](allow("kms:Decrypt", alias))), rule).detail).toContain(
      `allows kms:Decrypt on \`${alias}\`: name exact key ARNs`,
    );
  });

  it("reports `*` on every action as one finding per grant", async () => {
    expect(detailsOf(await pack.analyze(shapes[2]![1](allow("*", "*"))), rule)).toEqual([
      expect.stringContaining("allows secretsmanager:GetSecretValue (through `*`) on `*`"),
      expect.stringContaining("allows kms:Decrypt (through `*`) on `*`"),
    ]);
  });

  it("reports a policy it cannot read instead of passing it", async () => {
    const broken = resource("aws:iam/policy:Policy", "grant", { policy: "{not json" });
    expect(onlyFinding(await pack.analyze(broken), rule).detail).toContain(
      "Policy `policy` is not an IAM policy document",
    );
  });

  it("reports a policy unknown during preview as not judged, at the rule's mandatory level, naming the property", async () => {
    const pending = resource("aws:iam/policy:Policy", "grant", { policy: PREVIEW_UNKNOWN });
    expect(detailsOf(await pack.analyze(pending), rule)).toEqual([
      expect.stringMatching(
        /^\[mandatory\] Not judged: `policy` is not known in this preview\. An unknown is not a pass/,
      ),
    ]);
  });
});

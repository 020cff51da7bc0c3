import { analyzeAll } from "../support/driver";
import { startInProcessPack } from "../support/in-process";
import { ACCOUNT } from "../support/fixtures";
import { executionRole } from "../support/fixtures-iam";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "oidc-trust-pinned";
const GITHUB = "token.actions.githubusercontent.com";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;
const ENVIRONMENT_PIN = "repo:acme/app:environment:prod";
const where = (principal = PROVIDER_ARN) =>
  `Trust policy statement \`GitHub\` lets GitHub Actions (\`${principal}\`) assume the role, but `;
const pinAdvice =
  "Pin `token.actions.githubusercontent.com:sub` to `repo:<owner>/<repo>:environment:<name>` or " +
  "`repo:<owner>/<repo>:ref:refs/heads/<branch>`, one exact value for each subject the role serves.";

type Condition = Record<string, Record<string, string | string[]>>;
const githubTrust = (condition: Condition | undefined, extra: Record<string, unknown> = {}) => ({
  Version: "2012-10-17",
  Statement: {
    Sid: "GitHub",
    Effect: "Allow",
    Principal: { Federated: PROVIDER_ARN },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...(condition ? { Condition: condition } : {}),
    ...extra,
  },
});
const pinned = (sub: string | string[], operator = "StringEquals"): Condition => ({
  StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" },
  [operator]: {
    ...(operator === "StringEquals" ? { [`${GITHUB}:aud`]: "sts.amazonaws.com" } : {}),
    [`${GITHUB}:sub`]: sub,
  },
});
const deployRole = (trust: unknown, asText = true) =>
  executionRole({ assumeRolePolicy: asText ? JSON.stringify(trust) : trust, inlinePolicies: [] }, "deploy");
const findingsOf = async (trust: unknown, asText = true) =>
  detailsOf(await analyzeAll(pack, [deployRole(trust, asText)]), rule);

describe("oidc-trust-pinned", () => {
  it.each([
    ["an environment", ENVIRONMENT_PIN],
    ["a branch", "repo:acme/app:ref:refs/heads/main"],
    ["a tag", "repo:acme/app:ref:refs/tags/v1.2.0"],
    ["a list of exact subjects", [ENVIRONMENT_PIN, "repo:acme/app:environment:staging"]],
  ])("accepts a StringEquals pin to one repository and %s, with the audience", async (_, sub) => {
    expect(summarize(await analyzeAll(pack, [deployRole(githubTrust(pinned(sub)))]))).toEqual([]);
  });

  it("accepts the pin given as an object, under StringLike without wildcards, to a provider given by host", async () => {
    const trust = githubTrust(pinned(ENVIRONMENT_PIN, "StringLike"), { Principal: { Federated: GITHUB } });
    expect(await findingsOf(trust, false)).toEqual([]);
  });

  it("accepts a wide StringLike when another condition block on the same key pins it (blocks are ANDed)", async () => {
    const trust = githubTrust({ ...pinned(ENVIRONMENT_PIN), StringLike: { [`${GITHUB}:sub`]: "repo:acme/*" } });
    expect(await findingsOf(trust)).toEqual([]);
  });

  it("reads GitHub Enterprise Cloud's issuer, whose host has the enterprise as a path", async () => {
    const issuer = `${GITHUB}/acme-enterprise`;
    const trust = (sub: string) =>
      githubTrust(
        { StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com", [`${issuer}:sub`]: sub } },
        { Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` } },
      );
    expect(await findingsOf(trust(ENVIRONMENT_PIN))).toEqual([]);
    expect(await findingsOf(trust("repo:acme/app"))).toEqual([
      expect.stringContaining(`\`StringEquals\` value \`repo:acme/app\` is not of the form`),
    ]);
  });

  it("leaves roles trusted by other principals alone", async () => {
    expect(summarize(await analyzeAll(pack, [executionRole()]))).toEqual([]);
  });

  it("rejects a trust with no sub condition, at mandatory", async () => {
    const audienceOnly = { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" } };
    const finding = onlyFinding(await analyzeAll(pack, [deployRole(githubTrust(audienceOnly))]), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `${where()}it has no condition on \`${GITHUB}:sub\`: every GitHub Actions workflow of any owner can assume it. ` +
        "Pin it to `repo:<owner>/<repo>:environment:<name>` or `repo:<owner>/<repo>:ref:refs/heads/<branch>`.",
    );
  });

  it.each([
    ["repo:*", "matches more than one repository"],
    ["repo:acme/*", "matches more than one repository"],
    ["repo:acme/ap?:ref:refs/heads/main", "matches more than one repository"],
    ["*", "matches more than one repository"],
    ["repo:acme/app:*", "matches more than one environment, ref or pull request of `repo:acme/app`"],
    ["repo:acme/app:environment:prod-?", "matches more than one environment, ref or pull request of `repo:acme/app`"],
  ])("rejects the StringLike value %s", async (sub, why) => {
    expect(await findingsOf(githubTrust(pinned(sub, "StringLike")))).toEqual([
      `[mandatory] ${where()}\`StringLike\` value \`${sub}\` ${why}. ${pinAdvice}`,
    ]);
  });

  it("rejects one wide value among exact ones under ForAnyValue:StringLike (values are alternatives)", async () => {
    const trust = githubTrust(pinned([ENVIRONMENT_PIN, "repo:acme/*"], "ForAnyValue:StringLike"));
    expect(await findingsOf(trust)).toEqual([
      `[mandatory] ${where()}\`ForAnyValue:StringLike\` value \`repo:acme/*\` matches more than one repository. ${pinAdvice}`,
    ]);
  });

  it.each([
    ["repo:acme/app", "StringEquals"],
    ["repo:acme/app:pull_request", "StringEquals"],
  ])("rejects the exact subject %s, which names no environment or ref", async (sub, operator) => {
    expect(await findingsOf(githubTrust(pinned(sub, operator)))).toEqual([
      `[mandatory] ${where()}\`${operator}\` value \`${sub}\` is not of the form ` +
        `\`repo:<owner>/<repo>:environment:<name>\` or \`repo:<owner>/<repo>:ref:refs/heads/<branch>\`. ${pinAdvice}`,
    ]);
  });

  it.each(["ForAllValues:StringEquals", "StringEqualsIfExists"])(
    "rejects %s, true for a token without sub",
    async (op) => {
      const [finding] = await findingsOf(githubTrust(pinned(ENVIRONMENT_PIN, op)));
      expect(finding).toContain(`but \`${op}\` is true for a token that has no such claim`);
    },
  );

  it("rejects a missing audience and a wrong one", async () => {
    const sub = { StringEquals: { [`${GITHUB}:sub`]: ENVIRONMENT_PIN } };
    expect(await findingsOf(githubTrust(sub))).toEqual([
      `[mandatory] ${where()}it has no condition on \`${GITHUB}:aud\`: add ` +
        `\`"StringEquals": {"${GITHUB}:aud": "sts.amazonaws.com"}\`.`,
    ]);
    const wrong = { StringEquals: { ...sub.StringEquals, [`${GITHUB}:aud`]: "https://github.com/acme" } };
    expect(await findingsOf(githubTrust(wrong))).toEqual([
      `[mandatory] ${where()}\`${GITHUB}:aud\` allows \`https://github.com/acme\`: add ` +
        `\`"StringEquals": {"${GITHUB}:aud": "sts.amazonaws.com"}\`.`,
    ]);
  });

  it("judges an action given by wildcard and the aws-native role's document", async () => {
    const trust = githubTrust(undefined, { Action: "sts:AssumeRoleWith*" });
    const native = {
      type: "aws-native:iam:Role",
      name: "deploy-native",
      props: { assumeRolePolicyDocument: trust },
    };
    const details = detailsOf(await analyzeAll(pack, [native]), rule);
    expect(details).toHaveLength(2); // sub and aud
    expect(details[0]).toContain("it has no condition on `token.actions.githubusercontent.com:sub`");
  });

  it("judges GitLab's subject shape and asks for its audience", async () => {
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`;
    const trust = (sub: string) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: provider },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringLike: { "gitlab.com:sub": sub, "gitlab.com:aud": "https://gitlab.com" } },
        },
      ],
    });
    expect(await findingsOf(trust("project_path:acme/platform/app:ref_type:branch:ref:main"))).toEqual([]);
    expect(await findingsOf(trust("project_path:acme/*:ref_type:branch:ref:main"))).toEqual([
      `[mandatory] Trust policy statement #1 lets GitLab (\`${provider}\`) assume the role, but \`StringLike\` value ` +
        "`project_path:acme/*:ref_type:branch:ref:main` matches more than one repository. Pin `gitlab.com:sub` to " +
        "`project_path:<group>/<project>:ref_type:branch:ref:<branch>`, one exact value for each subject the role serves.",
    ]);
  });

  describe("a trust given as an object whose provider ARN is unknown (the provider is created by the same stack)", () => {
    const unknownProvider = (condition: Condition | undefined) =>
      githubTrust(condition, { Principal: { Federated: PREVIEW_UNKNOWN } });
    const notJudged: unknown = expect.stringMatching(
      /^\[mandatory\] Not judged: The trust policy is built from values/,
    );

    it("is judged by the issuer its condition keys name", async () => {
      expect(await findingsOf(unknownProvider(pinned(ENVIRONMENT_PIN)), false)).toEqual([]);
      expect(await findingsOf(unknownProvider(pinned("repo:acme/*", "StringLike")), false)).toEqual([
        "[mandatory] Trust policy statement `GitHub` lets GitHub Actions (the provider's ARN, unknown in this " +
          `preview) assume the role, but \`StringLike\` value \`repo:acme/*\` matches more than one repository. ${pinAdvice}`,
      ]);
    });

    it("is not judged when no condition key names an issuer, nor when a condition value is unknown", async () => {
      expect(await findingsOf(unknownProvider(undefined), false)).toEqual([
        "[mandatory] Not judged: `assumeRolePolicy.Statement.Principal.Federated` is not known in this preview. An " +
          "unknown is not a pass: make the value known before deployment (from config or stack outputs), or, once " +
          "reviewed, add an exception with a reason and an expiry.",
      ]);
      const unknownSubject = PREVIEW_UNKNOWN as unknown as string;
      expect(await findingsOf(unknownProvider(pinned([ENVIRONMENT_PIN, unknownSubject])), false)).toEqual([notJudged]);
    });

    it("is judged when the statement's known action is no web identity", async () => {
      const trust = unknownProvider(undefined);
      trust.Statement.Action = "sts:AssumeRole";
      expect(await findingsOf(trust, false)).toEqual([]);
    });
  });

  it("reports a trust built in an apply, unknown during preview, as not judged at mandatory", async () => {
    const findings = await analyzeAll(pack, [deployRole(PREVIEW_UNKNOWN, false)]);
    expect(detailsOf(findings, rule)).toEqual([
      expect.stringMatching(
        /^\[mandatory\] Not judged: The trust policy is built from values this preview does not know/,
      ),
    ]);
  });
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { PolicyDocument } from "@platform/iam";
import { ENVIRONMENTS } from "@platform/config";
import { type ProgramRun, runProgram } from "@platform/testing";

const projectDir = path.resolve(__dirname, "..");
const ACCOUNTS = { dev: "111111111111", staging: "222222222222", prod: "333333333333" };
const GITHUB = "token.actions.githubusercontent.com";
/** registry-access's outputs in prod, once deployed: the registry secret and the key that encrypts it. */
const PROD_REGISTRY = {
  registrySecretArns: ["arn:aws:secretsmanager:eu-central-1:333333333333:secret:registry/prod/ghcr.io/20261207-AbCdEf"],
  registryKeyArn: "arn:aws:kms:eu-central-1:333333333333:key/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
};

let run: ProgramRun;
/** GitHub Enterprise and Pulumi Enterprise: required reviewers, and team tokens. */
let enterprise: ProgramRun;
beforeAll(async () => {
  run = await runProgram({ projectDir, env: "repository" });
  enterprise = await runProgram({
    projectDir,
    env: "repository",
    config: {
      "delivery:githubPlan": "enterprise",
      "delivery:pulumiEdition": "enterprise",
      "delivery:accounts": JSON.stringify({
        ...Object.fromEntries(ENVIRONMENTS.map((env) => [env, { accountId: ACCOUNTS[env], region: "eu-central-1" }])),
        prod: { ...PROD_REGISTRY, accountId: ACCOUNTS.prod, region: "eu-central-1" },
      }),
    },
  });
});

const rolesOf = (r: ProgramRun) => r.ofType("aws:iam/role:Role");
const trustOf = (inputs: Record<string, unknown>) => JSON.parse(inputs["assumeRolePolicy"] as string) as PolicyDocument;

describe("the AWS side of each environment", () => {
  it("creates GitHub's OIDC provider in each environment's account, for the audience sts.amazonaws.com", () => {
    const providers = run.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    expect(providers.map((p) => [p.state["arn"], p.inputs["clientIdLists"]])).toEqual(
      ENVIRONMENTS.map((env) => [`arn:aws:iam::${ACCOUNTS[env]}:oidc-provider/${GITHUB}`, ["sts.amazonaws.com"]]),
    );
  });

  it("trusts each role to exactly one environment of this repository, with the audience and a one-hour session", () => {
    const trusts = rolesOf(run).map((role) => {
      const [statement, ...others] = trustOf(role.inputs).Statement;
      return [
        role.inputs["name"],
        others.length,
        statement!.Principal,
        statement!.Condition,
        role.inputs["maxSessionDuration"],
      ];
    });
    expect(trusts).toEqual(
      ENVIRONMENTS.flatMap((env) =>
        [
          ["deploy", env],
          ["drift", `${env}-drift`],
          ["preview", `${env}-preview`],
        ].map(([purpose, environment]) => [
          `delivery-${env}-${purpose}`,
          0,
          { Federated: `arn:aws:iam::${ACCOUNTS[env]}:oidc-provider/${GITHUB}` },
          {
            StringEquals: {
              [`${GITHUB}:aud`]: "sts.amazonaws.com",
              [`${GITHUB}:sub`]: `repo:acme/platform:environment:${environment}`,
            },
          },
          3600,
        ]),
      ),
    );
  });

  it("gives drift and preview roles ReadOnlyAccess alone, and the deploy role its writes besides", () => {
    const attached = run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs["policyArn"]);
    expect(new Set(attached)).toEqual(new Set(["arn:aws:iam::aws:policy/ReadOnlyAccess"]));
    expect(attached).toHaveLength(9);
    const inline = run.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => p.inputs["role"]);
    expect(inline).toEqual(ENVIRONMENTS.map((env) => `delivery-${env}-deploy`));
  });

  it("lets a drift role read exactly its environment's registry secrets, and decrypt them only through Secrets Manager", () => {
    const drift = enterprise
      .ofType("aws:iam/rolePolicy:RolePolicy")
      .filter((p) => /-drift$/.test(p.inputs["role"] as string));
    expect(drift.map((p) => [p.inputs["role"], JSON.parse(p.inputs["policy"] as string) as unknown])).toEqual([
      [
        "delivery-prod-drift",
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "ReadRegistryCredentials",
              Effect: "Allow",
              Action: "secretsmanager:GetSecretValue",
              Resource: PROD_REGISTRY.registrySecretArns,
            },
            {
              Sid: "DecryptRegistryCredentialsViaSecretsManager",
              Effect: "Allow",
              Action: "kms:Decrypt",
              Resource: PROD_REGISTRY.registryKeyArn,
              Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" } },
            },
          ],
        },
      ],
    ]);
  });

  it("exports each environment's role ARNs, from that environment's account", () => {
    expect(run.outputs["roleArns"]).toEqual(
      Object.fromEntries(
        ENVIRONMENTS.map((env) => [
          env,
          Object.fromEntries(
            ["deploy", "drift", "preview"].map((p) => [
              p,
              `arn:aws:iam::${ACCOUNTS[env]}:role/delivery/delivery-${env}-${p}`,
            ]),
          ),
        ]),
      ),
    );
  });
});

describe("the GitHub side", () => {
  it("limits every environment to deployments from main, with no required reviewers on the Team plan", () => {
    const environments = run.ofType("github:index/repositoryEnvironment:RepositoryEnvironment");
    const policies = run.ofType(
      "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
    );
    expect(environments.map((e) => e.inputs["environment"])).toEqual(run.outputs["githubEnvironments"]);
    for (const e of environments) {
      expect(e.inputs["deploymentBranchPolicy"]).toEqual({ protectedBranches: false, customBranchPolicies: true });
      expect(e.inputs["reviewers"]).toBeUndefined();
    }
    expect(policies.map((p) => [p.inputs["environment"], p.inputs["branchPattern"]])).toEqual(
      environments.map((e) => [e.inputs["environment"], "main"]),
    );
  });

  it("requires the approvers' review on staging-approval and prod-approval where the plan offers it", () => {
    const reviewed = enterprise
      .ofType("github:index/repositoryEnvironment:RepositoryEnvironment")
      .filter((e) => e.inputs["reviewers"] !== undefined)
      .map((e) => e.inputs["environment"]);
    expect(reviewed).toEqual(["staging-approval", "prod-approval"]);
  });

  it("requires the gate and a code owner's review on main", () => {
    const { rules, conditions } = run.one("github:index/repositoryRuleset:RepositoryRuleset").inputs as Record<
      string,
      Record<string, unknown>
    >;
    expect(conditions).toEqual({ refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } });
    expect(rules!["pullRequest"]).toMatchObject({ requireCodeOwnerReview: true });
    expect(rules!["requiredStatusChecks"]).toMatchObject({
      requiredChecks: [{ context: "lint, typecheck, test and offline plan" }],
    });
  });

  it("declares no secret without a value given as a Pulumi secret, and lists where a person puts each", () => {
    expect(run.ofType("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")).toEqual([]);
    expect(run.outputs["secretsToSet"]).toEqual(
      ["PROMOTION_APP_PRIVATE_KEY", "REGISTRY_USERNAME", "REGISTRY_PASSWORD"].map((secret) => ({
        environment: "promotion",
        secret,
      })),
    );
  });
});

it("states the rules of the committed .github/CODEOWNERS, from the approvers in its config", () => {
  const committed = readFileSync(path.resolve(projectDir, "..", "..", ".github", "CODEOWNERS"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));
  expect(run.outputs["codeowners"]).toEqual(committed);
});

describe("Pulumi Cloud", () => {
  it("lets each subject exchange its token for an organization token on the Team edition", () => {
    const issuer = run.one("pulumiservice:index:OidcIssuer").inputs as {
      url: string;
      policies: Record<string, unknown>[];
    };
    expect(issuer.url).toBe(`https://${GITHUB}`);
    expect(
      issuer.policies.map((p) => [
        p["tokenType"],
        (p["rules"] as Record<string, string>)["sub"],
        p["authorizedPermissions"],
      ]),
    ).toEqual(
      ENVIRONMENTS.flatMap((env) =>
        ["", "-drift", "-preview"].map((suffix) => [
          "organization",
          `repo:acme/platform:environment:${env}${suffix}`,
          ["standard"],
        ]),
      ),
    );
    expect(new Set(issuer.policies.map((p) => (p["rules"] as Record<string, string>)["aud"]))).toEqual(
      new Set(["urn:pulumi:org:organization"]),
    );
  });

  it("gives each job a team token on Enterprise: a team per environment that may update it, one that may read it", () => {
    const issuer = enterprise.one("pulumiservice:index:OidcIssuer").inputs as { policies: Record<string, unknown>[] };
    expect(
      issuer.policies
        .filter((p) => (p["rules"] as Record<string, string>)["sub"]!.endsWith(":prod"))
        .map((p) => [p["tokenType"], p["teamName"]]),
    ).toEqual([["team", "prod-deploy"]]);
    const permissions = enterprise
      .ofType("pulumiservice:index:TeamStackPermission")
      .filter((p) => p.inputs["stack"] === "prod");
    expect(
      new Set(
        permissions.map((p) => [p.inputs["team"], p.inputs["project"], p.inputs["permission"]].map(String).join(" ")),
      ),
    ).toContain("prod-drift networking 101");
    expect(permissions.every((p) => p.inputs["project"] !== "delivery")).toBe(true);
  });
});

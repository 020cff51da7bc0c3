// Programs written the way other teams write Fargate programs (fixtures/corpus, and two task definitions of
// fixtures/outside), planned in ONE run with fargate-guard's built-in levels, each with the verdict a careful
// reviewer gives it. The execution-role rules' levels are judged by their own tests; here only what the programs'
// shapes decide is asserted.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { planCli, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson, type PlanJsonStack, type PlanJsonViolation } from "./support/plan-json";

const CORPUS = path.join(__dirname, "fixtures", "corpus");
const programs = [
  "awsx-classic",
  "awsx-current",
  "raw-apply",
  "esm-main",
  "stacks-network",
  "stacks-app",
  "product-deploy",
  "not-judged",
  "bad-inputs-unanswered",
  "bad-inputs-fixtures",
  "bad-inputs-missing-package",
];

// The ES module program again, outside this workspace and without node_modules: nothing can lend it packages.
const outside = path.join(mkdtempSync(path.join(tmpdir(), "corpus-")), "esm-outside");

let run: CliRun;
let plan: PlanJson;
const stackOf = (project: string): PlanJsonStack => plan.stacks.find((s) => s.project === project)!;
const violationsOf = (project: string, policy?: string): PlanJsonViolation[] =>
  stackOf(project).violations.filter((v) => policy === undefined || v.policyName === policy);
/** Mandatory findings, leaving out the execution-role rules, whose levels are theirs to decide. */
const mandatory = (project: string) =>
  violationsOf(project).filter(
    (v) => v.enforcementLevel === "mandatory" && !v.policyName.startsWith("execution-role-"),
  );
const detail = (v: PlanJsonViolation) => v.message.split("\n").slice(1).join("\n");

beforeAll(async () => {
  cpSync(path.join(CORPUS, "esm-main"), outside, { recursive: true });
  writeFileSync(path.join(outside, "Pulumi.yaml"), "name: esm-outside\nruntime: nodejs\n");
  run = await planCli([
    ...programs.flatMap((name) => ["--project", path.join(CORPUS, name)]),
    ...["--project", outside],
    // Two task definitions of fixtures/outside: one built in an apply, one with secrets only their values give away.
    ...["raw-task-definition", "secrets-in-values"].flatMap((name) => [
      "--project",
      path.join(__dirname, "fixtures", "outside", name),
    ]),
    "--env",
    "example",
    "--json",
  ]);
  plan = parsePlanJson(run.stdout);
}, 240_000);
afterAll(() => rmSync(path.dirname(outside), { recursive: true, force: true }));

describe("programs that plan", () => {
  it("plans every well-formed program, judging every check the mocks can answer", () => {
    const planned = programs.filter((name) => !name.startsWith("bad-inputs-"));
    expect(planned.map((name) => [name, stackOf(name).error])).toEqual(planned.map((name) => [name, null]));
    const judgedEverywhere = planned.filter((name) => name !== "not-judged");
    expect(judgedEverywhere.flatMap((name) => violationsOf(name).filter((v) => v.notJudged))).toEqual([]);
  });

  it("judges the containers awsx classic builds in an apply, in the default VPC it looks up", () => {
    expect(violationsOf("awsx-classic", "image-digest-pinned").map(detail)).toEqual([
      expect.stringContaining("Container `web` pulls `public.ecr.aws/nginx/nginx:1.27` by tag `1.27`") as unknown,
    ]);
    expect(mandatory("awsx-classic")).toEqual([]);
    expect(stackOf("awsx-classic").resources.map((r) => `${r.type} ${r.name}`)).toContain(
      "aws:ec2/subnet:Subnet default-vpc-public-1",
    );
  });

  it("knows the URI of an image awsx builds into its own ECR repository, so it asks for no credentials", () => {
    expect(violationsOf("awsx-current", "private-image-credentials")).toEqual([]);
    expect(violationsOf("awsx-current", "image-digest-pinned")).toEqual([]);
    expect(violationsOf("awsx-current", "no-public-ip").map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(mandatory("awsx-current")).toEqual([]);
  });

  it("refuses a ghcr.io image without credentials inside containerDefinitions built by an apply", () => {
    expect(mandatory("raw-apply").map((v) => [v.policyName, detail(v).split(":")[0]])).toEqual([
      ["private-image-credentials", "Container `api` pulls `ghcr.io/acme-corp/orders-api"],
    ]);
  });

  it("runs an ES module from package.json `main`, top-level awaits of data sources included", () => {
    expect(run.stderr).toContain(
      `esm-main/example: running ${path.relative(process.cwd(), CORPUS)}/esm-main/src/index.ts`,
    );
    expect(stackOf("esm-main").violations).toEqual([]);
  });

  it("links two stacks by a StackReference and finds nothing to refuse in either", () => {
    expect(stackOf("stacks-app").resources.map((r) => r.type)).toContain("pulumi:pulumi:StackReference");
    expect([...violationsOf("stacks-network"), ...violationsOf("stacks-app")]).toEqual([]);
  });

  it("passes a product's deploy program: ghcr.io with its Secrets Manager credentials, lookups from its fixtures", () => {
    expect(mandatory("product-deploy")).toEqual([]);
    // The release tag came from the fixtures file's answer for exactly that parameter.
    expect(violationsOf("product-deploy", "image-digest-pinned").map(detail)).toEqual([
      expect.stringContaining("Container `shop` pulls `ghcr.io/acme-corp/shop:4.2.0` by tag `4.2.0`") as unknown,
    ]);
  });
});

describe("a value the mocks cannot know", () => {
  it("reports each mandatory check of the containers as not judged, naming the property, and counts them", () => {
    const notJudged = violationsOf("not-judged").filter((v) => v.notJudged && v.enforcementLevel === "mandatory");
    expect(notJudged.map((v) => v.policyName).sort()).toEqual([
      "container-not-privileged",
      "execution-role-can-read-registry-secret",
      "no-added-capabilities",
      "no-secrets-in-environment",
      "private-image-credentials",
      "registry-credentials-secret-arn",
    ]);
    for (const v of notJudged) expect(detail(v)).toMatch(/^Not judged: `containerDefinitions` is built from values/);
    expect(plan.notJudged).toBe(6);
    expect(plan.ok).toBe(false);
    expect(run.code).toBe(1);
  });
});

describe("bad input", () => {
  it("names an unanswered data source, its arguments, where it was called and where to answer it, in one line", () => {
    expect(stackOf("bad-inputs-unanswered").error).toBe(
      'the AWS mocks have no answer for `aws:rds/getCluster:getCluster` {"clusterIdentifier":"orders"} (called at ' +
        `index.ts:4). Fix: answer it in ${path.join(CORPUS, "bad-inputs-unanswered", "offline-plan.fixtures.yaml")}, ` +
        'e.g. `calls: { "aws:rds/getCluster:getCluster": { <the result\'s properties> } }` ' +
        '(tools/offline-plan/README.md, "Data sources").',
    );
  });

  it("names the key of a fixtures file of the wrong shape, and the shape allowed", () => {
    expect(stackOf("bad-inputs-fixtures").error).toBe(
      `${path.join(CORPUS, "bad-inputs-fixtures", "offline-plan.fixtures.yaml")}: \`calls.aws:route53/getZone:getZone\` ` +
        "must be a result object, or a list of { args, result }. Its shape: calls: { <function token, e.g. " +
        "aws:ssm/getParameter:getParameter>: { <result> } | [ { args: { <argument>: <value> }, result: { <result> } } ] }.",
    );
  });

  it("names a package the program did not install and the folder to install in, without a require stack", () => {
    expect(stackOf("bad-inputs-missing-package").error).toBe(
      "The program needs the package `@acme-corp/naming` (imported by index.ts), which is not installed for it or " +
        `in this workspace. Fix: run \`npm install\` in ${path.join(CORPUS, "bad-inputs-missing-package")}.`,
    );
    expect(run.stdout + run.stderr).not.toMatch(/Require stack|\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it("tells an ES module program outside the workspace, without node_modules, the folder to install in", () => {
    expect(stackOf("esm-outside").error).toBe(
      "The program needs the package `@pulumi/aws` (imported by src/index.ts), which is not installed for it (an ES " +
        `module finds packages only in node_modules at or above its own folder). Fix: run \`npm install\` in ${outside}.`,
    );
    expect(run.stderr).not.toContain("esm-outside has no node_modules");
  });
});

describe("a raw task definition whose containerDefinitions is built inside an apply", () => {
  it("judges the literal cpu and memory", () => {
    expect(violationsOf("raw-task-definition", "fargate-task-size").map((v) => v.message)).toEqual([
      expect.stringContaining("`cpu` is 256, so `memory` must be 512, 1024 or 2048 MiB (got `768`).") as unknown,
    ]);
  });

  it("judges the two role ARNs", () => {
    expect(violationsOf("raw-task-definition", "separate-task-and-execution-roles").map((v) => v.message)).toEqual([
      expect.stringMatching(
        /`executionRoleArn` and `taskRoleArn` are both `arn:aws:iam::\d{12}:role\/task-/,
      ) as unknown,
    ]);
  });

  it("judges the containers built in the apply: the repository's URL is known, so only its tag is reported", () => {
    expect(violationsOf("raw-task-definition").filter((v) => v.notJudged)).toEqual([]);
    expect(violationsOf("raw-task-definition", "image-digest-pinned").map((v) => v.message)).toEqual([
      expect.stringMatching(
        /Container `app` pulls `123456789012\.dkr\.ecr\.us-west-2\.amazonaws\.com\/app-[0-9a-f]{7}:latest` by tag `latest`/,
      ) as unknown,
    ]);
    expect(violationsOf("raw-task-definition", "private-image-credentials")).toEqual([]);
  });

  it("judges the hardening of the containers built in the apply, each at its built-in level", () => {
    const hardening = [
      "container-not-privileged",
      "no-added-capabilities",
      "container-read-only-root-filesystem",
      "container-non-root-user",
    ];
    const found = violationsOf("raw-task-definition").filter((v) => hardening.includes(v.policyName));
    expect(found.map((v) => [v.policyName, v.enforcementLevel, detail(v).split(":")[0]])).toEqual([
      ["container-not-privileged", "mandatory", "Container `app` is privileged"],
      [
        "no-added-capabilities",
        "mandatory",
        "Container `app` adds `NET_ADMIN` in `containerDefinitions[0].linuxParameters.capabilities.add`",
      ],
      ["container-read-only-root-filesystem", "advisory", "Container `app` has a writable root filesystem"],
      ["container-non-root-user", "advisory", "Container `app` sets no `user`, so it runs as root"],
    ]);
  });
});

describe("secrets that only their values give away", () => {
  const messages = () => violationsOf("secrets-in-values", "no-secrets-in-environment").map((v) => v.message);

  it("refuses the password inside DATABASE_URL, --requirepass in a command and --api-key in an entry point", () => {
    expect(violationsOf("secrets-in-values", "no-secrets-in-environment").map((v) => v.enforcementLevel)).toEqual([
      "mandatory",
      "mandatory",
      "mandatory",
    ]);
    expect(messages()).toEqual([
      expect.stringContaining("Container `api` passes a URL with a password in `DATABASE_URL` through `environment`"),
      expect.stringContaining(
        "Container `cache` passes a secret in plain text in `command` (`--requirepass` with a literal value)",
      ),
      expect.stringContaining(
        "Container `worker` passes a secret in plain text in `entryPoint` (`--api-key` with a literal value)",
      ),
    ] as unknown[]);
  });

  it("lets URLs without a password and a password file pass, and never shows the secret in a finding", () => {
    expect(messages().join("\n")).not.toMatch(/CACHE_URL|HOMEPAGE_URL|UPSTREAM_URL|password-file/);
    expect(
      violationsOf("secrets-in-values")
        .map((v) => v.message)
        .join("\n"),
    ).not.toContain("s3cr3t-Pa55word");
  });
});

it("names no package of this repository in any finding", () => {
  const all = plan.stacks.flatMap((s) => s.violations.map((v) => v.message));
  expect(all.length).toBeGreaterThan(0);
  expect(all.filter((message) => message.includes("@platform/"))).toEqual([]);
});

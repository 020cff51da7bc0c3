// Programs written the way other teams write Fargate programs (fixtures/corpus), planned in ONE run with
// fargate-guard's built-in levels, each with the verdict a careful reviewer gives it. The execution-role rules'
// levels are judged by their own tests; here only what the programs' shapes decide is asserted.
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
  "bad-inputs-throws",
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
      "execution-role-can-read-registry-secret",
      "no-secrets-in-environment",
      "private-image-credentials",
      "registry-credentials-secret-arn",
    ]);
    for (const v of notJudged) expect(detail(v)).toMatch(/^Not judged: `containerDefinitions` is built from values/);
    expect(plan.notJudged).toBe(4);
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

  it("gives a program that throws one line with its file and line", () => {
    expect(stackOf("bad-inputs-throws").error).toBe(
      "set `bad-inputs-throws:image` to the image to run (at index.ts:4)",
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

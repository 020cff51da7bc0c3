// Task definitions written outside this repository (fixtures/outside), planned with fargate-guard's built-in
// levels: one whose containerDefinitions is built inside an apply over other resources' outputs, which the mocks
// know, so it is judged as `pulumi up` would judge it; one with secrets that only their values give away.
import * as path from "node:path";
import { planCli, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson, type PlanJsonViolation } from "./support/plan-json";

const outside = (name: string) => path.join(__dirname, "fixtures", "outside", name);

let run: CliRun;
let plan: PlanJson;
const violationsOf = (project: string, policy?: string): PlanJsonViolation[] =>
  plan.stacks
    .find((s) => s.project === project)!
    .violations.filter((v) => policy === undefined || v.policyName === policy);

beforeAll(async () => {
  run = await planCli([
    ...["raw-task-definition", "secrets-in-values"].flatMap((name) => ["--project", outside(name)]),
    "--env",
    "example",
    "--json",
  ]);
  plan = parsePlanJson(run.stdout);
}, 120_000);

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
    expect(plan.notJudged).toBe(0);
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

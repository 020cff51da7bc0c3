// The plan and the pack's scripts/check-config.ts judge a policy config's lowered levels with one function: each
// case goes to both, and both must accept it or refuse it with the same errors. The plan refuses before any
// program runs (exit 2); an accepted exception is listed in the text, JSON and Markdown reports.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { todayUtc } from "@platform/config/level-exceptions";
import { planCli, projectArgs, WORKSPACE_ROOT, type CliRun } from "./support/plan-cli";
import type { PlanJson } from "./support/plan-json";

// Dates a safe distance from today, read from the clock as the commands read it: no date is written in.
const daysFromToday = (days: number) => todayUtc(new Date(Date.now() + days * 86_400_000));
const PACK = path.join(WORKSPACE_ROOT, "policies", "fargate-guard");
const REASON = "vendor image moves to ECR by sprint 12 (SEC-481)";
const waived = (levelException: unknown) => ({
  "private-image-credentials": { enforcementLevel: "advisory", levelException },
});

const CASES: Array<[string, "prod" | "staging", Record<string, unknown>, RegExp | null]> = [
  [
    "a registry rule lowered in prod without an exception",
    "prod",
    { "private-image-credentials": "advisory" },
    /is advisory in prod/,
  ],
  ["`all: disabled` in prod", "prod", { all: "disabled" }, /is disabled in prod \(got "disabled", from `all`\)/],
  ["a missing reason", "prod", waived({ expires: daysFromToday(30) }), /levelException\.reason` is missing/],
  ["a blank reason", "prod", waived({ reason: " ", expires: daysFromToday(30) }), /levelException\.reason` is " "/],
  ["a bad date", "prod", waived({ reason: REASON, expires: "2027-02-30" }), /"2027-02-30", which is not a date/],
  ["an expired date", "prod", waived({ reason: REASON, expires: daysFromToday(-10) }), /the exception expired on /],
  ["a date too far ahead", "prod", waived({ reason: REASON, expires: daysFromToday(200) }), /more than 90 days ahead/],
  ["a valid exception in prod", "prod", waived({ reason: REASON, expires: daysFromToday(30) }), null],
  ["a registry rule lowered in staging", "staging", { "private-image-credentials": "advisory" }, null],
];

const checkConfig = (file: string) =>
  new Promise<CliRun>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(PACK, "scripts", "check-config.ts"), file],
      { cwd: WORKSPACE_ROOT },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );

interface Verdicts {
  file: string;
  checkConfig: CliRun;
  plan: CliRun;
}
const verdicts = new Map<string, Verdicts>();
let planJson: PlanJson;
let markdown: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "level-exceptions-"));
  await Promise.all(
    CASES.map(async ([name, env, config], i) => {
      // check-config.ts takes the environment from the file name, the plan from --env: the same one here.
      fs.mkdirSync(path.join(dir, String(i)));
      const file = path.join(dir, String(i), `${env}.json`);
      fs.writeFileSync(file, JSON.stringify(config));
      const args = [...projectArgs("three-envs"), "--env", env, "--policy-pack", PACK, "--policy-pack-config", file];
      const markdownArgs = name === "a valid exception in prod" ? ["--markdown", path.join(dir, "plan.md")] : [];
      const [checked, planned] = await Promise.all([checkConfig(file), planCli([...args, ...markdownArgs])]);
      verdicts.set(name, { file: path.relative(WORKSPACE_ROOT, file), checkConfig: checked, plan: planned });
      if (markdownArgs.length) {
        planJson = JSON.parse((await planCli([...args, "--json"])).stdout) as PlanJson;
        markdown = fs.readFileSync(path.join(dir, "plan.md"), "utf8");
      }
    }),
  );
});

const refusals = CASES.filter(([, , , refused]) => refused).map(([name, , , refused]) => [name, refused!] as const);

it.each(refusals)("refuses %s in check-config.ts and in the plan, with the same errors", (name, message) => {
  const { file, checkConfig: checked, plan } = verdicts.get(name)!;
  const errors = checked.stderr.trim().split("\n");
  expect(checked.code).toBe(1);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error).toMatch(new RegExp(`^✗ ${file}: .*Fix: `));
  expect(errors[0]).toMatch(message);
  expect(plan.code).toBe(2);
  expect(plan.stderr).toContain(`error: the policy pack config for ${path.basename(file, ".json")} is refused:\n`);
  // The plan prints the very lines check-config prints, and runs no program before it refuses.
  for (const error of errors) expect(plan.stderr).toContain(`\n  ${error.slice(2)}\n`);
  expect(plan.stderr).not.toContain("running");
});

it.each(CASES.filter(([, , , refused]) => !refused).map(([name]) => name))(
  "accepts %s in check-config.ts and in the plan",
  (name) => {
    const { checkConfig: checked, plan } = verdicts.get(name)!;
    expect({ checkConfig: checked.code, stderr: checked.stderr, plan: plan.code }).toEqual({
      checkConfig: 0,
      stderr: "",
      plan: 0,
    });
    expect(checked.stdout).toContain("(disables or lowers: private-image-credentials (mandatory → advisory");
  },
);

it("lists the lowered rule with its reason and expiry in check-config.ts and the plan's text, JSON, Markdown", () => {
  const { checkConfig: checked, plan } = verdicts.get("a valid exception in prod")!;
  const listed = `private-image-credentials (mandatory → advisory; exception until ${daysFromToday(30)}: ${REASON})`;
  expect(checked.stdout).toContain(`(disables or lowers: ${listed})`);
  expect(plan.stdout).toContain(`Rules the prod config disables or lowers\n  fargate-guard: ${listed}\n`);
  expect(planJson.policyPacks[0]!.lowered).toEqual([
    {
      policy: "private-image-credentials",
      from: "mandatory",
      to: "advisory",
      exception: { reason: REASON, expires: daysFromToday(30) },
    },
  ]);
  expect(markdown).toContain(`### Rules the \`prod\` config disables or lowers\n\n- fargate-guard: ${listed}`);
});

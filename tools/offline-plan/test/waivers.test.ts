// The plan and the pack's scripts/check-config.ts judge a policy config's waivers and levels with one function:
// each case goes to both, and both must accept it or refuse it with the same lines. The plan refuses before any
// program runs (exit 2); an accepted waiver is listed in the text, JSON and Markdown reports.
//
// check-config.ts takes many files in one run, so two runs of it (the refused files, the accepted ones) see every
// case as a user would. The plan takes one config per run: every case goes through the plan's own reading of its
// arguments (planRequest, where it refuses before any program starts), and one run of each outcome proves what
// the command line makes of it: a refusal, a warning, and an accepted exception listed in every report.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { todayUtc } from "@platform/config/waiver";
import { parsePlanArgs, UsageError } from "../src/args";
import { planRequest } from "../src/plan";
import { commandJson, commandMarkdown, commandPassed, commandText } from "../src/report/command-report";
import { runCommand } from "../src/run/run-command";
import { planCli, projectArgs, WORKSPACE_ROOT, type CliRun } from "./support/plan-cli";
import type { PlanJson } from "./support/plan-json";

// Dates a safe distance from today, read from the clock as the commands read it: no date is written in.
const daysFromToday = (days: number) => todayUtc(new Date(Date.now() + days * 86_400_000));
const PACK = path.join(WORKSPACE_ROOT, "policies", "fargate-guard");
const REASON = "vendor image moves to ECR by sprint 12 (SEC-481)";
const waived = (levelException: unknown) => ({
  "private-image-credentials": { enforcementLevel: "advisory", levelException },
});
const URN = "urn:pulumi:prod::three-envs::aws:ecs/taskDefinition:TaskDefinition::app";
const skipping = (exception: Record<string, unknown>) => ({
  "image-digest-pinned": { enforcementLevel: "mandatory", exceptions: [{ urn: URN, ...exception }] },
});
const SKIP_REASON = "pinned by the promotion job, which checks the digest itself";

const CASES: Array<[string, "prod" | "staging" | "dev", Record<string, unknown>, RegExp | null]> = [
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
  [
    "a valid exception in prod",
    "prod",
    {
      ...waived({ reason: REASON, expires: daysFromToday(30) }),
      ...skipping({ reason: SKIP_REASON, expires: daysFromToday(20) }),
    },
    null,
  ],
  [
    "a resource exception without a reason in prod",
    "prod",
    skipping({ expires: daysFromToday(20) }),
    /`image-digest-pinned\.exceptions\[0\]\.reason` is missing/,
  ],
  [
    "a resource exception without an expiry in staging",
    "staging",
    skipping({ reason: SKIP_REASON }),
    /`image-digest-pinned\.exceptions\[0\]\.expires` is missing, which is not a date/,
  ],
  ["an empty config in prod", "prod", {}, /sets no enforcement level, so the pack runs on its built-in levels/],
  ["an empty config in staging", "staging", {}, /sets no enforcement level, so the pack runs on its built-in levels/],
  ["a registry rule lowered in staging", "staging", { "private-image-credentials": "advisory" }, null],
  ["an empty config in dev", "dev", {}, null],
];
type Case = (typeof CASES)[number];
const refused = CASES.filter(([, , , refusal]) => refusal);
const accepted = CASES.filter(([, , , refusal]) => !refusal);
/** The refusal whose plan runs as a user would start it: it refuses with one line per protected rule. */
const SPAWNED_REFUSAL = "`all: disabled` in prod";
const VALID = "a valid exception in prod";
const EMPTY_DEV = "an empty config in dev";

const checkConfig = (files: string[]) =>
  new Promise<CliRun>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(PACK, "scripts", "check-config.ts"), ...files],
      { cwd: WORKSPACE_ROOT },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waivers-"));
/** Each case's file, in a folder of its own: check-config.ts takes the environment from the file name. */
const fileOf = (name: string): string => {
  const i = CASES.findIndex(([n]) => n === name);
  return path.join(dir, String(i), `${CASES[i]![1]}.json`);
};
/** How check-config.ts (run in the workspace root) names the file; the plan names it relative to its own cwd. */
const checkConfigName = (name: string) => path.relative(WORKSPACE_ROOT, fileOf(name));
const planArgs = ([name, env]: Case) => [
  ...projectArgs("three-envs"),
  "--env",
  env,
  "--policy-pack",
  PACK,
  "--policy-pack-config",
  fileOf(name),
];

/** check-config.ts's lines about one file of a run over many, without its "✗ " or "! " mark. */
const linesAbout = (output: string, mark: string, name: string): string[] =>
  output
    .split("\n")
    .filter((line) => line.startsWith(`${mark} ${checkConfigName(name)}: `))
    .map((line) => line.slice(mark.length + 1));
/** The same lines as the plan names the file. */
const asThePlanNamesIt = (lines: string[], name: string) =>
  lines.map((line) => path.relative(process.cwd(), fileOf(name)) + line.slice(checkConfigName(name).length));

/** What the plan's reading of its arguments makes of a case: its refusal, or the warnings it plans with. */
function planVerdict(c: Case): { refusal: string | null; warnings: string[] } {
  try {
    return { refusal: null, warnings: planRequest(parsePlanArgs(planArgs(c)), c[1], WORKSPACE_ROOT).warnings };
  } catch (err) {
    if (err instanceof UsageError) return { refusal: err.message, warnings: [] };
    throw err;
  }
}

let checkRefused: CliRun;
let checkAccepted: CliRun;
let planRefused: CliRun;
let planEmptyDev: CliRun;
let valid: { passed: boolean; text: string; json: PlanJson; markdown: string };

beforeAll(async () => {
  for (const [name, , config] of CASES) {
    fs.mkdirSync(path.dirname(fileOf(name)));
    fs.writeFileSync(fileOf(name), JSON.stringify(config));
  }
  const byName = (name: string) => CASES.find(([n]) => n === name)!;
  // The accepted exception's plan runs once, here, and each report is rendered from that one run.
  const [validRun, ...spawned] = await Promise.all([
    runCommand(parsePlanArgs(planArgs(byName(VALID))), WORKSPACE_ROOT, () => {}),
    checkConfig(refused.map(([name]) => fileOf(name))),
    checkConfig(accepted.map(([name]) => fileOf(name))),
    planCli(planArgs(byName(SPAWNED_REFUSAL))),
    planCli(planArgs(byName(EMPTY_DEV))),
  ]);
  [checkRefused, checkAccepted, planRefused, planEmptyDev] = spawned;
  valid = {
    passed: commandPassed(validRun),
    text: commandText(validRun),
    json: JSON.parse(commandJson(validRun)) as PlanJson,
    markdown: commandMarkdown(validRun),
  };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("check-config.ts exits 1 on refused files and prints only errors that each name their file and a Fix", () => {
  expect(checkRefused.code).toBe(1);
  expect(checkRefused.stdout).toBe("");
  const names = refused.map(([name]) => checkConfigName(name));
  for (const line of checkRefused.stderr.trimEnd().split("\n")) {
    expect(names.some((file) => line.startsWith(`✗ ${file}: `))).toBe(true);
    expect(line).toMatch(/Fix: /);
  }
});

it.each(refused.map(([name, , , message]) => [name, message!] as const))(
  "refuses %s in check-config.ts and in the plan, with the same errors",
  (name, message) => {
    const errors = linesAbout(checkRefused.stderr, "✗", name);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(message);
    const c = CASES.find(([n]) => n === name)!;
    expect(planVerdict(c).refusal).toBe(
      `the policy pack config for ${c[1]} is refused:\n  ${asThePlanNamesIt(errors, name).join("\n  ")}`,
    );
  },
);

it("the plan's command line refuses with those lines on stderr, exit 2 and no program run", () => {
  const errors = linesAbout(checkRefused.stderr, "✗", SPAWNED_REFUSAL);
  expect(errors.length).toBeGreaterThan(1);
  expect(planRefused.code).toBe(2);
  expect(planRefused.stdout).toBe("");
  expect(planRefused.stderr).toBe(
    `error: the policy pack config for prod is refused:\n  ${errors.join("\n  ")}\n` +
      "Run `npm start -- --help` for the options.\n",
  );
});

it("check-config.ts exits 0 on the accepted files", () => {
  expect(checkAccepted.code).toBe(0);
  for (const [name] of accepted) expect(checkAccepted.stdout).toContain(`✓ ${checkConfigName(name)}`);
});

it.each(accepted.filter(([name]) => !name.startsWith("an empty")).map(([name]) => name))(
  "accepts %s in check-config.ts and in the plan",
  (name) => {
    expect(linesAbout(checkAccepted.stderr, "!", name)).toEqual([]);
    expect(checkAccepted.stdout).toContain(
      `✓ ${checkConfigName(name)} (disables or lowers: private-image-credentials (mandatory → advisory`,
    );
    expect(planVerdict(CASES.find(([n]) => n === name)!)).toEqual({ refusal: null, warnings: [] });
  },
);

it("plans with the accepted exception in prod, and the plan passes", () => {
  expect(valid.passed).toBe(true);
});

it("lists the lowered rule with its reason and expiry in check-config.ts and the plan's text, JSON, Markdown", () => {
  const listed = `private-image-credentials (mandatory → advisory; exception until ${daysFromToday(30)}: ${REASON})`;
  expect(checkAccepted.stdout).toContain(`✓ ${checkConfigName(VALID)} (disables or lowers: ${listed})`);
  expect(valid.text).toContain(`Rules the prod config disables or lowers\n  fargate-guard: ${listed}\n`);
  expect(valid.json.policyPacks[0]!.lowered).toEqual([
    {
      policy: "private-image-credentials",
      from: "mandatory",
      to: "advisory",
      exception: { reason: REASON, expires: daysFromToday(30) },
    },
  ]);
  expect(valid.markdown).toContain(`### Rules the \`prod\` config disables or lowers\n\n- fargate-guard: ${listed}`);
});

it("lists each resource exception with its reason and expiry in check-config.ts and the plan's text, JSON, Markdown", () => {
  const listed = `image-digest-pinned skips ${URN} until ${daysFromToday(20)}: ${SKIP_REASON}`;
  expect(checkAccepted.stdout).toContain(`\n  ${listed}\n`);
  expect(valid.text).toContain(`Resources the prod config exempts from a rule\n  fargate-guard: ${listed}\n`);
  expect(valid.json.policyPacks[0]!.skipped).toEqual([
    { policy: "image-digest-pinned", urn: URN, reason: SKIP_REASON, expires: daysFromToday(20) },
  ]);
  expect(valid.markdown).toContain(
    `### Resources the \`prod\` config exempts from a rule\n\n- fargate-guard: ${listed}`,
  );
});

it("warns about an empty config in dev with the same line in check-config.ts and the plan, and plans with it", () => {
  const file = checkConfigName(EMPTY_DEV);
  const warning = `${file}: sets no enforcement level, so the pack runs on its built-in levels instead of the dev profile's (`;
  const warnings = linesAbout(checkAccepted.stderr, "!", EMPTY_DEV);
  expect(warnings).toEqual([expect.stringContaining(warning)]);
  expect(planVerdict(CASES.find(([n]) => n === EMPTY_DEV)!)).toEqual({
    refusal: null,
    warnings: asThePlanNamesIt(warnings, EMPTY_DEV),
  });
  expect(planEmptyDev.code).toBe(0);
  expect(planEmptyDev.stderr).toContain(`warning: ${warning}`);
  expect(planEmptyDev.stdout).toContain(`Warnings\n  ${warning}`);
});

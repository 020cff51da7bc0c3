// `--diff <ref>` on a scratch repository committed in two steps (test/fixtures/diff-repo): each
// change of the second commit shows as what it does to the desired state, property by property.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { announcedWorktree, scratchRepo, worktrees } from "./support/scratch-repo";
import { fixturePack, planCli, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson } from "./support/plan-json";

const FIXTURE = path.resolve(__dirname, "fixtures", "diff-repo");
const repo = scratchRepo(FIXTURE);
const out = mkdtempSync(path.join(tmpdir(), "offline-plan-diff-md-"));
const projects = ["app", "uses-lib", "flaky", "steady"].flatMap((name) => [
  "--project",
  path.join(repo, "projects", name),
]);
let run: CliRun;
let document: PlanJson;
let markdown: string;

const stackDiff = (stack: string) => document.diff!.stacks.find((s) => s.stack === stack)!;
const changedResource = (name: string) => stackDiff("app/dev").changed.find((r) => r.name === name)!;

beforeAll(async () => {
  const file = path.join(out, "plan.md");
  run = await planCli(
    ["--diff", "HEAD~1", ...projects, "--policy-pack", fixturePack("registry-guard"), "--json", "--markdown", file],
    repo,
  );
  if (!run.stdout) throw new Error(`the plan printed no JSON (exit ${run.code}):\n${run.stderr}`);
  document = parsePlanJson(run.stdout);
  markdown = readFileSync(file, "utf8");
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

it("shows a change in a nested input as its path with the old and the new value", () => {
  expect(changedResource("app").changes).toContainEqual({
    path: "runtimePlatform.cpuArchitecture",
    kind: "changed",
    old: "X86_64",
    new: "ARM64",
    secret: false,
  });
});

it("compares container definitions as JSON, matching containers by name", () => {
  expect(changedResource("app").changes).toContainEqual(
    expect.objectContaining({
      path: "containerDefinitions[name=app].image",
      old: "444444444444.dkr.ecr.eu-west-1.amazonaws.com/app:1.0",
      new: "ghcr.io/acme/app:2.0",
    }),
  );
});

it("shows a changed IAM policy as the one statement that changed", () => {
  const changes = changedResource("read-secrets").changes;
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({
    path: "policy.Statement[Sid=ReadSecret]",
    kind: "changed",
    old: expect.objectContaining({
      Resource: "arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-old-AbCdEf",
    }) as unknown,
    new: expect.objectContaining({
      Resource: "arn:aws:secretsmanager:eu-west-1:444444444444:secret:app-new-XyZ123",
    }) as unknown,
  });
});

it("shows a renamed resource as one removed and one added, and a new type under the same name as a replacement", () => {
  const app = stackDiff("app/dev");
  expect(app.removed.map((r) => r.name)).toEqual(["old-name"]);
  expect(app.added.map((r) => r.name)).toEqual(["new-name"]);
  expect(app.replaced).toEqual([
    {
      base: expect.objectContaining({ type: "aws:sqs/queue:Queue", name: "jobs" }) as unknown,
      head: expect.objectContaining({ type: "aws:sns/topic:Topic", name: "jobs" }) as unknown,
    },
  ]);
});

it("shows an added stack output", () => {
  expect(stackDiff("app/dev").outputs).toEqual([{ path: "region", kind: "added", new: "eu-west-1", secret: false }]);
});

it("marks a changed secret as changed without showing it, in config and in resource inputs", () => {
  expect(stackDiff("app/dev").config).toEqual([
    { path: "app:token", kind: "changed", old: "[secret]", new: "[secret]", secret: true },
  ]);
  expect(changedResource("api-key").changes).toEqual([
    { path: "secretString", kind: "changed", old: "[secret]", new: "[secret]", secret: true },
  ]);
  for (const text of [run.stdout, run.stderr, markdown]) {
    expect(text).not.toMatch(/key-one-at-the-base|key-two-after-the-change|c2NyYXRjaC1/);
  }
  expect(markdown).toContain("~ app:token: [secret] (changed)");
});

it("reports the mandatory violation the change introduces and the one it fixes", () => {
  const { introduced, fixed } = stackDiff("app/dev").violations;
  expect(introduced).toEqual([
    expect.objectContaining({
      enforcementLevel: "mandatory",
      message: expect.stringContaining("Container `app` pulls `ghcr.io/acme/app:2.0`") as unknown,
    }),
  ]);
  expect(fixed).toEqual([
    expect.objectContaining({
      enforcementLevel: "mandatory",
      message: expect.stringContaining("Container `sidecar` pulls `ghcr.io/acme/sidecar:1.0`") as unknown,
    }),
  ]);
});

it("plans the base with its own workspace library, so a library-only change shows a diff", () => {
  expect(stackDiff("uses-lib/dev").changed).toEqual([
    expect.objectContaining({
      name: "logs",
      changes: [expect.objectContaining({ path: "retentionInDays", old: 7, new: 14 })],
    }),
  ]);
});

it("reports a base at which a program fails instead of crashing, and keeps the head's verdict", () => {
  expect(stackDiff("flaky/dev")).toMatchObject({
    status: "not-compared",
    reason: expect.stringContaining("flaky is broken at the base") as unknown,
  });
  // The head fails on the introduced mandatory violation, not on the base's failed program.
  expect(run.code).toBe(1);
  expect(document.ok).toBe(false);
  expect(document.stacks.find((s) => s.project === "flaky")!.error).toBeNull();
});

it("says the lockfile differs and still plans the base", () => {
  expect(document.diff!.lockfileNote).toContain("package-lock.json differs between HEAD~1 and the working tree");
  expect(document.diff!.baseError).toBeNull();
});

it("removes the base worktree after a run in which a program failed", () => {
  const dir = announcedWorktree(run.stderr);
  expect(dir).toBeDefined();
  expect(existsSync(dir!)).toBe(false);
  expect(worktrees(repo)).toEqual([repo]);
});

it("writes a collapsible Markdown section per changed stack", () => {
  expect(markdown).toContain("### Changes of `dev` against `HEAD~1`");
  expect(markdown).toContain("<details><summary><code>uses-lib/dev</code>: 1 to update</summary>");
  expect(markdown).toContain("+- aws:sns/topic:Topic jobs (replace: type was aws:sqs/queue:Queue)");
});

it("says `no change` in one line for a stack the change does not touch", () => {
  expect(stackDiff("steady/dev")).toMatchObject({
    status: "compared",
    added: [],
    removed: [],
    changed: [],
    outputs: [],
    config: [],
  });
  expect(markdown).toContain("- `steady/dev`: no change\n");
});

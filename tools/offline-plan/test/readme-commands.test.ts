// Every `npm start` example in the READMEs. Each is parsed as the plan parses it, so a flag or path that does
// not exist fails here. Commands that plan the same thing (the same environments, projects, packs and
// configs) and differ only in what they show of it are one group. `--diff <ref>` only adds to what is shown:
// the head is planned exactly as without it, and the base as well. Each group runs for real, in a shell from
// the workspace root, as few times as covers every output its members write: the JSON document, the text, the
// Markdown file, the diff. The other members' flags have their own tests: --timeout program-timeout.test.ts,
// --pack-start pack-starts.test.ts, --markdown plan-json-markdown.test.ts.
import { exec, execSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { parsePlanArgs, type PlanArgs } from "../src/args";
import { defaultProjectDirs } from "../src/discovery";
import { WORKSPACE_ROOT } from "./support/plan-cli";

const READMES = ["README.md", "tools/offline-plan/README.md"];

/** `npm start ...` lines of sh blocks, and `npm start ...` in inline code. */
function startCommands(readme: string): string[] {
  const text = readFileSync(path.join(WORKSPACE_ROOT, readme), "utf8");
  const inBlocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n"));
  const inline = [...text.matchAll(/`(npm start[^`]*)`/g)].map((m) => m[1]!);
  return [...inBlocks, ...inline].map(withoutComment).filter((line) => /^npm start\b/.test(line));
}

/** The command a shell runs: a trailing `# comment` changes nothing, so a command documented twice runs once. */
const withoutComment = (line: string) => line.replace(/\s+#\s.*$/, "").trim();

/** The plan's own arguments: what follows `--`, without a shell redirection (the documented lines have no quoting). */
const planArgv = (command: string) => {
  const afterDashes = command.split(" -- ")[1] ?? "";
  return afterDashes
    .replace(/\s*>\s*\S+$/, "")
    .split(/\s+/)
    .filter(Boolean);
};

/**
 * What a command plans, from the parsed arguments; an empty project or pack list is the plan's default
 * (every workspace project; policies/fargate-guard with its `config/<env>.json`).
 */
function planned(args: PlanArgs): string {
  const rel = (p: string) => path.relative(WORKSPACE_ROOT, p);
  const packs = args.policyPacks.length ? args.policyPacks.map(rel) : ["policies/fargate-guard"];
  const configs = args.policyPackConfigs.length
    ? args.policyPackConfigs.map(rel)
    : args.env === "all"
      ? ["config/<env>.json"]
      : packs.map((pack) => `${pack}/config/${args.env}.json`);
  const projects = args.projects.length ? args.projects.map(rel).sort() : ["<every workspace project>"];
  const everyProject = defaultProjectDirs(WORKSPACE_ROOT).map(rel);
  const key = {
    env: args.env,
    projects: JSON.stringify(projects) === JSON.stringify(everyProject) ? ["<every workspace project>"] : projects,
    packs,
    configs,
  };
  return JSON.stringify(key);
}

const commands = [...new Set(READMES.flatMap(startCommands))];
const parsed = new Map(commands.map((command) => [command, parsePlanArgs(planArgv(command))]));
const groups = new Map<string, string[]>();
for (const [command, args] of parsed) {
  if (args.help) continue;
  const key = planned(args);
  groups.set(key, [...(groups.get(key) ?? []), command]);
}

/** What a text command writes besides the text: its Markdown file, its diff. */
const extras = (command: string) =>
  [parsed.get(command)!.markdown && "markdown", parsed.get(command)!.diff && "diff"].filter(Boolean) as string[];

/**
 * The members of a group that run for real: the one writing JSON, and the fewest text ones that write every
 * extra any member writes (those writing the most first).
 */
function runsOf(members: string[]): string[] {
  const json = members.find((c) => parsed.get(c)!.json);
  const texts = members.filter((c) => !parsed.get(c)!.json).sort((a, b) => extras(b).length - extras(a).length);
  const covered = new Set<string>();
  const textRuns = texts.filter((c, i) => {
    const adds = extras(c).filter((extra) => !covered.has(extra));
    adds.forEach((extra) => covered.add(extra));
    return adds.length > 0 || (i === 0 && extras(c).length === 0);
  });
  return [...(json ? [json] : []), ...textRuns];
}

const run = (command: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    exec(command, { cwd: WORKSPACE_ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });

const written = ["plan.json", "plan.md"].map((f) => path.join(WORKSPACE_ROOT, f));
afterAll(() => written.forEach((f) => rmSync(f, { force: true })));

it("finds the documented commands, including the JSON one of each README, and each parses", () => {
  expect(commands).toContain("npm start --silent -- --json > plan.json");
  expect(commands.length).toBeGreaterThanOrEqual(8);
  expect([...parsed.keys()]).toEqual(commands);
});

it("groups the commands that plan the same thing, so each plan runs once per output", () => {
  const ran = [...groups.values()].flatMap(runsOf);
  expect(ran.length).toBeLessThan(commands.length);
  // Every group runs, and every kind of output a command documents is written by a run.
  for (const members of groups.values()) expect(runsOf(members).length).toBeGreaterThan(0);
  expect(ran.some((c) => c.includes("> plan.json"))).toBe(true);
  expect(ran.some((c) => c.includes("--markdown plan.md"))).toBe(true);
  expect(ran.some((c) => c.includes("--diff HEAD"))).toBe(true);
});

const realRuns = [...[...groups.values()].flatMap(runsOf), ...commands.filter((c) => parsed.get(c)!.help)];

it.each(realRuns)("runs `%s` as documented", async (command) => {
  written.forEach((f) => rmSync(f, { force: true }));
  const result = await run(command);
  expect({ command, code: result.code, stderr: result.code ? result.stderr : "" }).toEqual({
    command,
    code: 0,
    stderr: "",
  });
  if (command.includes("> plan.json")) {
    const plan = JSON.parse(readFileSync(written[0]!, "utf8")) as { ok: boolean; policyPacks: { dir: string }[] };
    expect(plan.ok).toBe(true);
    expect(plan.policyPacks.map((p) => p.dir)).toEqual(["policies/fargate-guard"]);
  }
  if (command.includes("--markdown plan.md")) expect(existsSync(written[1]!)).toBe(true);
  if (command.includes("--help")) expect(result.stdout).toContain("Usage: npm start -- [options]");
  // A clean clone (as in CI) has no uncommitted change: `--diff HEAD` plans once and compares it with itself.
  if (command.includes("--diff HEAD") && cleanTree()) {
    expect(result.stderr).toContain("is the working tree: no file differs, one plan serves both");
    const changes = [...result.stdout.matchAll(/^Changes of \S+ against HEAD .*\n((?: {2}.*\n)+)/gm)].map((m) => m[1]!);
    expect(changes.length).toBeGreaterThan(0);
    expect(
      changes
        .join("")
        .trimEnd()
        .split("\n")
        .filter((line) => !line.endsWith(": no change")),
    ).toEqual([]);
  }
});

const cleanTree = () => execSync("git status --porcelain", { cwd: WORKSPACE_ROOT, encoding: "utf8" }).trim() === "";

it("plans from a sub-folder of the workspace as from the root", async () => {
  const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
    exec(
      "npm start --silent -- --help",
      { cwd: path.join(WORKSPACE_ROOT, "projects", "service", "test") },
      (err, stdout) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout }),
    ),
  );
  expect(result).toEqual({ code: 0, stdout: expect.stringContaining("Usage: npm start -- [options]") as unknown });
});

// Every `npm start` example in the READMEs. Each is parsed as the plan parses it, so a flag or path that does
// not exist fails here. Then the fewest of them run for real, in a shell from the workspace root, that together
// make every stack's plan the others make (with the same packs and configs, and the stacks it reads; `--env all`
// makes each environment's) and write every kind of output they write: the JSON document, the text, the Markdown file, the
// diff. `--diff <ref>` only adds to what is shown: the head is planned exactly as without it. The other flags
// have their own tests: --timeout program-timeout.test.ts, --markdown plan-json-markdown.test.ts.
// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import { exec, execSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { UPSTREAM_PROJECTS } from "@platform/contracts/stacks";
import { parsePlanArgs, type PlanArgs } from "../src/args";
import { defaultProjectDirs } from "../src/discovery";
import { WORKSPACE_ROOT } from "./support/plan-cli";
import { parsePlanJson } from "./support/plan-json";

const READMES = ["README.md", "tools/offline-plan/README.md", "docs/upgrade.md", "docs/deployments.md"];

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
 * What a command plans: one entry per stack, from the parsed arguments. `--env all` plans each environment as
 * `--env <env>` would; no `--project` is every workspace project; no `--policy-pack` is policies/fargate-guard
 * with its `config/<env>.json`. A stack's plan depends on its own program and on the stacks it reads
 * (UPSTREAM_PROJECTS), so it is the same in any run that holds those; a run without them plans it differently.
 */
function planned(args: PlanArgs): string[] {
  const rel = (p: string) => path.relative(WORKSPACE_ROOT, p);
  const packs = args.policyPacks.length ? args.policyPacks.map(rel) : ["policies/fargate-guard"];
  const projects = (args.projects.length ? args.projects : defaultProjectDirs(WORKSPACE_ROOT)).map(rel).sort();
  const names = new Set(projects.map((p) => path.basename(p)));
  const upstreams = (p: string) => (UPSTREAM_PROJECTS as Record<string, readonly string[]>)[path.basename(p)] ?? [];
  const withUpstreams = projects.every((p) => upstreams(p).every((up) => names.has(up)));
  return (args.env === "all" ? ENVIRONMENTS : [args.env]).flatMap((env) =>
    projects.map((project) =>
      JSON.stringify({
        env,
        project,
        packs,
        configs: args.policyPackConfigs.length
          ? args.policyPackConfigs.map(rel)
          : packs.map((pack) => `${pack}/config/${env}.json`),
        ...(withUpstreams ? {} : { plannedWith: projects }),
      }),
    ),
  );
}

const commands = [...new Set(READMES.flatMap(startCommands))];
const parsed = new Map(commands.map((command) => [command, parsePlanArgs(planArgv(command))]));
const planCommands = commands.filter((c) => !parsed.get(c)!.help);

/** What a command writes besides the plan itself: its JSON document or text, its Markdown file, its diff. */
const outputs = (command: string) => {
  const args = parsed.get(command)!;
  return [args.json ? "json" : "text", args.markdown && "markdown", args.diff && "diff"].filter(Boolean) as string[];
};

/** Everything a command proves works: each stack's plan it makes, and each kind of output it writes. */
const covers = (command: string) => [...planned(parsed.get(command)!), ...outputs(command)];

/**
 * The commands that run for real: the fewest, picked greedily, that together make every plan any documented
 * command makes and write every kind of output any writes. Another command plans nothing they do not, and
 * writes nothing of a kind they do not: `--env prod` is `--env all`'s prod, `--markdown plan.md` is the Markdown
 * that `--env all --markdown plan.md` writes, and three named projects are three of every project.
 */
function coveringRuns(): string[] {
  const needed = new Set(planCommands.flatMap(covers));
  const runs: string[] = [];
  while (needed.size) {
    const gain = (c: string) => covers(c).filter((x) => needed.has(x)).length;
    const best = [...planCommands].sort((a, b) => gain(b) - gain(a))[0]!;
    runs.push(best);
    covers(best).forEach((x) => needed.delete(x));
  }
  return runs;
}

const run = (command: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    exec(command, { cwd: WORKSPACE_ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });

const written = ["plan.json", "plan.md"].map((f) => path.join(WORKSPACE_ROOT, f));
afterAll(() => written.forEach((f) => rmSync(f, { force: true })));

/** What each command that ran printed and wrote (plan.json, plan.md, or null), and whether the tree was clean. */
const ran = new Map<string, { stdout: string; stderr: string; files: (string | null)[]; cleanTree: boolean }>();
/** The run of the one command that holds `part`; a test of its output fails when that command did not run. */
function runWith(part: string) {
  const found = [...ran].filter(([command]) => command.includes(part));
  if (found.length !== 1)
    throw new Error(`expected one documented command with \`${part}\` to have run, got ${found.length}`);
  return found[0]![1];
}

it("finds the documented commands, including the JSON one of each README, and each parses", () => {
  expect(commands).toContain("npm start --silent -- --json > plan.json");
  expect(commands.length).toBeGreaterThanOrEqual(8);
  expect([...parsed.keys()]).toEqual(commands);
});

const planRuns = coveringRuns();

it("runs the fewest commands that make every documented plan and write every kind of output", () => {
  expect(planRuns.length).toBeLessThan(planCommands.length);
  expect(new Set(planRuns.flatMap(covers))).toEqual(new Set(planCommands.flatMap(covers)));
  expect(new Set(planCommands.flatMap(outputs))).toEqual(new Set(["json", "text", "markdown", "diff"]));
  expect(planRuns).toContain("npm start --silent -- --json > plan.json");
});

const realRuns = [...planRuns, ...commands.filter((c) => parsed.get(c)!.help)];

it.each(realRuns)("runs `%s` as documented", async (command) => {
  written.forEach((f) => rmSync(f, { force: true }));
  const cleanTree = execSync("git status --porcelain", { cwd: WORKSPACE_ROOT, encoding: "utf8" }).trim() === "";
  const result = await run(command);
  const files = written.map((f) => (existsSync(f) ? readFileSync(f, "utf8") : null));
  ran.set(command, { stdout: result.stdout, stderr: result.stderr, files, cleanTree });
  expect({ command, code: result.code, stderr: result.code ? result.stderr : "" }).toEqual({
    command,
    code: 0,
    stderr: "",
  });
});

it("writes plan.json, a passing plan of the default pack, with the documented JSON command", () => {
  const plan = parsePlanJson(runWith("> plan.json").files[0] ?? "(no plan.json)");
  expect([plan.ok, plan.policyPacks.map((p) => p.dir)]).toEqual([true, ["policies/fargate-guard"]]);
});

// The acceptance of ECR's pull-through cache, on the plan the documented JSON command makes of dev, whose ghcr.io
// entry sets pullThroughCache (docs/pull-through-cache.md).
it("shows in plan.json dev's rule, ecr-pullthroughcache/ secret, creation template, import grant and ECR image", () => {
  const plan = parsePlanJson(runWith("> plan.json").files[0] ?? "(no plan.json)");
  const resources = (project: string) => plan.stacks.find((s) => s.project === project)?.resources ?? [];
  const one = (project: string, type: string) => resources(project).find((r) => r.type === type)?.properties ?? {};
  const grant = resources("registry-access")
    .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")
    .map((r) => JSON.parse(String(r.properties.policy)) as { Statement: { Action: string[]; Resource: string[] }[] })
    .flatMap((document) => document.Statement);
  const container = (one("service", "awsx:ecs:FargateService").taskDefinitionArgs as { container: object }).container;
  expect({
    rule: one("registry-access", "aws:ecr/pullThroughCacheRule:PullThroughCacheRule").upstreamRegistryUrl,
    secret: one("registry-access", "aws:secretsmanager/secret:Secret").namePrefix,
    template: one("registry-access", "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")
      .imageTagMutability,
    grant,
    container,
  }).toEqual({
    rule: "ghcr.io",
    secret: "ecr-pullthroughcache/ghcr-dev-",
    template: "IMMUTABLE",
    grant: [
      expect.objectContaining({
        Action: expect.arrayContaining(["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]),
        Resource: ["arn:aws:ecr:eu-central-1:111111111111:repository/ghcr-dev/*"],
      }),
    ],
    container: expect.not.objectContaining({ repositoryCredentials: expect.anything() }),
  });
  expect((container as { image: string }).image).toMatch(
    /^111111111111\.dkr\.ecr\.eu-central-1\.amazonaws\.com\/ghcr-dev\/jonashackt\//,
  );
});

it("writes plan.md with the documented Markdown command, and prints the usage with --help", () => {
  expect(runWith("--markdown plan.md").files[1]).toMatch(/^## ✅ Offline plan of `\w+`: passed/m);
  expect(runWith("--help").stdout).toContain("Usage: npm start -- [options]");
});

// `--diff HEAD` compares the working tree with HEAD. A clean tree (a fresh clone, as in CI) is HEAD: one plan
// serves both and no stack changes. An uncommitted change makes the base a plan of its own.
it("shows each environment's changes against HEAD with the documented --diff HEAD command", () => {
  const diff = runWith("--diff HEAD");
  const sections = [...diff.stdout.matchAll(/^Changes of (\S+) against HEAD .*\n((?: {2}.*\n)+)/gm)];
  const changed = sections.flatMap((m) => m[2]!.trimEnd().split("\n")).filter((line) => !line.endsWith(": no change"));
  expect({
    environments: sections.map((m) => m[1]),
    onePlan: diff.stderr.includes("is the working tree: no file differs, one plan serves both"),
    unchangedOnACleanTree: diff.cleanTree ? changed : [],
  }).toEqual({ environments: [...ENVIRONMENTS], onePlan: diff.cleanTree, unchangedOnACleanTree: [] });
});

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

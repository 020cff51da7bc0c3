// Every `npm start` example in the READMEs, run exactly as written, in a shell, from the workspace root.
// A README that documents a command which fails, or writes something other than it says, fails here.
import { exec } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { WORKSPACE_ROOT } from "./support/plan-cli";

jest.setTimeout(900_000);

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

const commands = [...new Set(READMES.flatMap(startCommands))];

const run = (command: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    exec(command, { cwd: WORKSPACE_ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });

const written = ["plan.json", "plan.md"].map((f) => path.join(WORKSPACE_ROOT, f));
afterAll(() => written.forEach((f) => rmSync(f, { force: true })));

it("finds the documented commands, including the JSON one of each README", () => {
  expect(commands).toContain("npm start --silent -- --json > plan.json");
  expect(commands.length).toBeGreaterThanOrEqual(8);
});

it.each(commands)("runs `%s` as documented", async (command) => {
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

// Programs written outside this repository (fixtures/outside) run with their own module system and packages:
// an ES module with a top-level await, one that calls `require` (Node refuses it), one with its own node_modules,
// and one whose package.json asks for versions this workspace does not have and that has no node_modules.
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { planCli, WORKSPACE_ROOT, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson, type PlanJsonStack } from "./support/plan-json";

const outside = (name: string) => path.join(__dirname, "fixtures", "outside", name);

let run: CliRun;
let plan: PlanJson;
const stackOf = (project: string): PlanJsonStack => plan.stacks.find((s) => s.project === project)!;
const installed = (name: string): string =>
  (
    JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
const bucketTags = (project: string) =>
  stackOf(project).resources.find((r) => r.type === "aws:s3/bucketV2:BucketV2")?.properties.tags;

beforeAll(async () => {
  run = await planCli([
    ...["esm-program", "esm-uses-require", "own-node-modules", "workspace-packages"].flatMap((name) => [
      "--project",
      outside(name),
    ]),
    "--env",
    "example",
    "--json",
  ]);
  plan = parsePlanJson(run.stdout);
}, 120_000);

it("runs a program whose package.json says type module as an ES module, top-level await included", () => {
  expect(stackOf("esm-program").error).toBeNull();
  expect(bucketTags("esm-program")).toEqual({ account: "123456789012", moduleSystem: "module" });
});

it("refuses `require` in an ES module program as Node does, naming the line", () => {
  expect(stackOf("esm-uses-require").error).toBe(
    "require is not defined in ES module scope, you can use import instead (at index.ts:2)",
  );
});

it("loads a program's packages from its own node_modules first", () => {
  expect(stackOf("own-node-modules").error).toBeNull();
  expect(bucketTags("own-node-modules")).toEqual({ mime: "3.0.0" });
  expect(run.stderr).not.toContain("own-node-modules has no node_modules");
});

it("says once which of its packages a program without node_modules gets from this workspace instead", () => {
  const notes = run.stderr.split("\n").filter((line) => line.includes("workspace-packages has no node_modules"));
  expect(notes).toHaveLength(1);
  // This workspace has awsx 3 and (through its dependencies) mime 2; the program asks for awsx 2 and mime 3.
  expect(notes[0]).toContain(
    "so it is planned with this workspace's packages, which differ from what it asks for: " +
      `@pulumi/awsx ${installed("@pulumi/awsx")} (package.json asks for ^2.0.0), ` +
      `mime ${installed("mime")} (package.json asks for ^3.0.0). ` +
      "Fix: run `npm install` in its folder to plan it with its own packages.",
  );
});

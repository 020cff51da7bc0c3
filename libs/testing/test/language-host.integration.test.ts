// Each program started as `pulumi preview` starts it, through the language host's own entry point with its
// Pulumi.yaml's runtime options, against a gRPC monitor answered by the AWS mocks, must register exactly what
// runProgram (the program tests' in-process start) sees: a faster start proven equivalent, never the only one.
import * as path from "node:path";
import type { RecordedResource } from "@platform/aws-mocks";
import type { Environment } from "@platform/config";
import {
  DELIVERY_PROJECT,
  type ProjectName,
  REPOSITORY_STACK,
  UPSTREAM_PROJECTS,
  stackName,
} from "@platform/contracts/stacks";
import { type LanguageHostRun, runThroughLanguageHost } from "../src/language-host/run-through-language-host";
import { type ProgramRun, runProgram } from "../src/run-program";

const ENV: Environment = "dev";
const ORG = "organization";
const PROJECTS = Object.keys(UPSTREAM_PROJECTS) as ProjectName[];
/** Each project's stack: the environment's, or delivery's one stack per repository. */
const stackOf = (project: ProjectName) => (project === DELIVERY_PROJECT ? REPOSITORY_STACK : ENV);
const projectDir = (project: ProjectName) => path.resolve(__dirname, "..", "..", "..", "projects", project);

const hosted = new Map<ProjectName, LanguageHostRun>();
const inProcess = new Map<ProjectName, ProgramRun>();

/** What each start's StackReferences resolve to: the outputs of the same start's upstream runs. */
function upstreamOutputs(project: ProjectName, outputsOf: (upstream: ProjectName) => Record<string, unknown>) {
  return Object.fromEntries(UPSTREAM_PROJECTS[project].map((up) => [stackName(ORG, up, ENV), outputsOf(up)]));
}

beforeAll(async () => {
  // In stack-graph order, as one environment's previews run: the programs whose upstream stacks have run start
  // together through the language host, one monitor each, while runProgram runs them one after another (its
  // runs share the SDK's process-global mock monitor).
  for (let ready = readyProjects(); ready.length; ready = readyProjects()) {
    const started = ready.map((project) =>
      runThroughLanguageHost({
        projectDir: projectDir(project),
        env: stackOf(project),
        organization: ORG,
        stackOutputs: upstreamOutputs(project, (up) => hosted.get(up)!.outputs ?? {}),
      }),
    );
    for (const project of ready) {
      const stackOutputs = upstreamOutputs(project, (up) => inProcess.get(up)!.outputs);
      inProcess.set(
        project,
        await runProgram({ projectDir: projectDir(project), env: stackOf(project), organization: ORG, stackOutputs }),
      );
    }
    for (const [i, run] of (await Promise.all(started)).entries()) hosted.set(ready[i]!, run);
  }
}, 180_000);

function readyProjects(): ProjectName[] {
  return PROJECTS.filter((p) => !hosted.has(p) && UPSTREAM_PROJECTS[p].every((up) => hosted.has(up)));
}

/** Resources by `type::name`: the two starts may register concurrently created resources in different orders. */
const byKey = (resources: readonly RecordedResource[]) =>
  Object.fromEntries(resources.map((r) => [`${r.type}::${r.name}`, r.inputs]));

describe.each(PROJECTS)(`%s started by the language host (dev, or its one stack)`, (project) => {
  it("runs to a clean exit, with no error or warning logged", () => {
    const run = hosted.get(project)!;
    expect({ exitCode: run.exitCode, stderr: run.stderr, logs: run.logs }).toEqual({
      exitCode: 0,
      stderr: "",
      logs: [],
    });
  });

  it("registers the same resources with the same inputs as runProgram", () => {
    // The root stack is the entry point's own resource; runProgram loads the program without one.
    const isRoot = (r: RecordedResource) => r.type === "pulumi:pulumi:Stack";
    const all = hosted.get(project)!.resources;
    expect(all.filter(isRoot).map((r) => r.name)).toEqual([`${project}-${stackOf(project)}`]);
    const resources = all.filter((r) => !isRoot(r));
    expect(resources.length).toBeGreaterThan(0);
    expect(byKey(resources)).toStrictEqual(byKey(inProcess.get(project)!.resources));
  });

  it("exports the same stack outputs", () => {
    expect(hosted.get(project)!.outputs).toStrictEqual(inProcess.get(project)!.outputs);
  });

  it("passes the same transforms, on the same resources", () => {
    const transformed = inProcess.get(project)!.transforms.map((t) => ({ type: t.resourceType, name: t.resourceName }));
    expect(hosted.get(project)!.transformed).toEqual(transformed);
  });
});

it("needs its runtime options: without `nodeargs`, the entry point cannot load a TypeScript program", async () => {
  // Pulumi.yaml's options less `nodeargs`; with them, the same start registers everything (above).
  const run = await runThroughLanguageHost({
    projectDir: projectDir("networking"),
    env: ENV,
    runtimeOptions: { typescript: false },
  });
  expect(run.exitCode).toBe(32); // the SDK's "already reported to the user" exit code
  expect(run.logs.map((log) => log.severity)).toEqual(["error"]);
  // Node 24 strips types by itself but refuses `export =`, so its SyntaxError follows a frame of the source.
  expect(run.logs[0]!.message).toMatch(
    /^Running program '.*index\.ts' failed with an unhandled exception:\n(.*\n)*SyntaxError: /,
  );
  expect(run.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
}, 60_000);

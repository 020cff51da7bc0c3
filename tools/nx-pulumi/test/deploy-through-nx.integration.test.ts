import { join } from "node:path";
import { type FakePulumi, fakePulumi, type ListedStacks, type PulumiCall } from "./support/fake-pulumi";
import { isolatedNxEnv, type NxResult, runNx, WORKSPACE_ROOT } from "./support/nx-env";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";

const inProject = (project: string) => join(WORKSPACE_ROOT, "projects", project);
const pack = (env: string) => [
  "--policy-pack",
  "../../policies/fargate-guard",
  "--policy-pack-config",
  `../../policies/fargate-guard/config/${env}.json`,
];

interface Run {
  readonly result: NxResult;
  readonly calls: PulumiCall[];
}

/** Runs one nx command with its own fake pulumi, so concurrent runs cannot see each other's calls. */
async function nxWithFakePulumi(args: string[], env: Record<string, string> = {}, stacks?: ListedStacks): Promise<Run> {
  const pulumi: FakePulumi = fakePulumi(stacks);
  const result = await runNx(args, isolatedNxEnv({ PATH: pulumi.path, ...env }));
  return { result, calls: pulumi.calls() };
}

const runs: Record<string, Run> = {};
beforeAll(async () => {
  // Started together: each nx run spends most of its ~2 s building the project graph.
  // In staging, one service is up and the other was destroyed earlier (its empty stack is left).
  const servicesUp: ListedStacks = {
    service: [{ name: "staging", resourceCount: 23 }],
    whoami: [{ name: "staging", resourceCount: 0 }],
  };
  const [preview, previewArgs, up, upAlone, destroyRefused, destroy] = await Promise.all([
    nxWithFakePulumi(["run", "service:preview:dev"]),
    nxWithFakePulumi(["run", "service:preview", "-c", "staging", "--", "--diff"]),
    nxWithFakePulumi(["run", "service:up:prod"], { PULUMI_ORG: "acme" }),
    nxWithFakePulumi(["run", "service:up:dev", "--exclude-task-dependencies"]),
    nxWithFakePulumi(["run", "networking:destroy:staging"], {}, servicesUp),
    nxWithFakePulumi(["run", "networking:destroy:staging"]),
  ]);
  Object.assign(runs, { preview, previewArgs, up, upAlone, destroyRefused, destroy });
});

describe("deploy targets run through nx", () => {
  it("preview runs pulumi preview in projects/service with the pack and the dev pack config", () => {
    expect(runs["preview"]!.result.code).toBe(0);
    expect(runs["preview"]!.calls).toEqual([
      { argv: ["preview", "--stack", "dev", ...pack("dev")], cwd: inProject("service") },
    ]);
  });

  it("preview forwards extra arguments after -- to pulumi", () => {
    expect(runs["previewArgs"]!.calls).toEqual([
      { argv: ["preview", "--stack", "staging", ...pack("staging"), "--diff"], cwd: inProject("service") },
    ]);
  });

  it("up deploys networking and registry-access before the service, all in prod and the PULUMI_ORG org", () => {
    const { result, calls } = runs["up"]!;
    expect(result.code).toBe(0);
    const ups = calls.filter((call) => call.argv[0] === "up");
    expect(ups).toHaveLength(3);
    expect(ups[2]).toEqual({
      argv: ["up", "--yes", "--stack", "acme/service/prod", ...pack("prod")],
      cwd: inProject("service"),
    });
    expect(ups.slice(0, 2).sort((a, b) => a.cwd.localeCompare(b.cwd))).toEqual([
      { argv: ["up", "--yes", "--stack", "acme/networking/prod", ...pack("prod")], cwd: inProject("networking") },
      {
        argv: ["up", "--yes", "--stack", "acme/registry-access/prod", ...pack("prod")],
        cwd: inProject("registry-access"),
      },
    ]);
  });

  it("up creates a stack that does not exist yet, so a first deploy on a fresh account needs no stack init", () => {
    const { calls } = runs["up"]!;
    // In each project's folder, the select (or create) of its stack comes right before its up. nx runs networking
    // and registry-access side by side, so their calls may interleave across folders.
    const folders = [...new Set(calls.map((call) => call.cwd))];
    expect(folders).toHaveLength(3);
    for (const cwd of folders) {
      const up = calls.find((call) => call.cwd === cwd && call.argv[0] === "up")!;
      const stack = up.argv[up.argv.indexOf("--stack") + 1]!;
      expect(calls.filter((call) => call.cwd === cwd)).toEqual([
        { argv: ["stack", "select", "--create", "--stack", stack], cwd },
        { argv: ["up", "--yes", "--stack", stack, ...pack("prod")], cwd },
      ]);
    }
  });

  it("up with --exclude-task-dependencies deploys the service alone, as the README's upgrade runs it first", () => {
    const { result, calls } = runs["upAlone"]!;
    expect(result.code).toBe(0);
    expect(calls.filter((call) => call.argv[0] === "up")).toEqual([
      { argv: ["up", "--yes", "--stack", "dev", ...pack("dev")], cwd: inProject("service") },
    ]);
  });

  it("destroy of networking is refused while a service stack of the environment has resources, naming it", () => {
    const { result, calls } = runs["destroyRefused"]!;
    expect(result.code).not.toBe(0);
    // It asked the backend about every service, destroyed none of them, and not networking either.
    expect(calls.filter((call) => call.argv[0] === "destroy")).toEqual([]);
    expect(calls.map((call) => call.argv[3]).sort()).toEqual([...SERVICE_PROJECTS].sort());
    const output = result.stdout + result.stderr;
    expect(output).toContain(
      "Refusing to destroy networking (stack staging): these stacks read it and still have resources:",
    );
    expect(output).toContain("  - service/staging (23 resources)");
    expect(output).not.toContain("whoami/staging (");
    expect(output).toContain("Fix: destroy them first (npx nx run service:destroy:staging)");
  });

  it("destroy of networking runs, alone, once no service stack of the environment has resources", () => {
    const { result, calls } = runs["destroy"]!;
    expect(result.code).toBe(0);
    expect(calls.filter((call) => call.argv[0] !== "stack")).toEqual([
      { argv: ["destroy", "--yes", "--stack", "staging"], cwd: inProject("networking") },
    ]);
  });
});

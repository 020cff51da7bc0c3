import { join } from "node:path";
import { type FakePulumi, fakePulumi, type PulumiCall } from "./support/fake-pulumi";
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
async function nxWithFakePulumi(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const pulumi: FakePulumi = fakePulumi();
  const result = await runNx(args, isolatedNxEnv({ PATH: pulumi.path, ...env }));
  return { result, calls: pulumi.calls() };
}

const runs: Record<string, Run> = {};
beforeAll(async () => {
  // Started together: each nx run spends most of its ~2 s building the project graph.
  const [preview, previewArgs, up, upAlone, destroy] = await Promise.all([
    nxWithFakePulumi(["run", "service:preview:dev"]),
    nxWithFakePulumi(["run", "service:preview", "-c", "staging", "--", "--diff"]),
    nxWithFakePulumi(["run", "service:up:prod"], { PULUMI_ORG: "acme" }),
    nxWithFakePulumi(["run", "service:up:dev", "--exclude-task-dependencies"]),
    nxWithFakePulumi(["run", "networking:destroy:staging"]),
  ]);
  Object.assign(runs, { preview, previewArgs, up, upAlone, destroy });
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
    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual({
      argv: ["up", "--yes", "--stack", "acme/service/prod", ...pack("prod")],
      cwd: inProject("service"),
    });
    expect(calls.slice(0, 2).sort((a, b) => a.cwd.localeCompare(b.cwd))).toEqual([
      { argv: ["up", "--yes", "--stack", "acme/networking/prod", ...pack("prod")], cwd: inProject("networking") },
      {
        argv: ["up", "--yes", "--stack", "acme/registry-access/prod", ...pack("prod")],
        cwd: inProject("registry-access"),
      },
    ]);
  });

  it("up with --exclude-task-dependencies deploys the service alone, as the README's upgrade runs it first", () => {
    const { result, calls } = runs["upAlone"]!;
    expect(result.code).toBe(0);
    expect(calls).toEqual([{ argv: ["up", "--yes", "--stack", "dev", ...pack("dev")], cwd: inProject("service") }]);
  });

  it("destroy of networking destroys every service that reads it first, in the same environment", () => {
    const { result, calls } = runs["destroy"]!;
    expect(result.code).toBe(0);
    const destroy = (project: string) => ({
      argv: ["destroy", "--yes", "--stack", "staging"],
      cwd: inProject(project),
    });
    // The services do not read each other, so nx may destroy them in any order, but all before networking.
    const services = calls.slice(0, -1).sort((a, b) => a.cwd.localeCompare(b.cwd));
    expect(services).toEqual([...SERVICE_PROJECTS].sort().map(destroy));
    expect(calls.at(-1)).toEqual(destroy("networking"));
  });
});

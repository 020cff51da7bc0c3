// deploy-stacks.sh at scale: after an environment's shared stacks, its services deploy at once (nx's parallelism
// within the job). 20 services, in a scratch repository, with a fake `pulumi` whose `up` takes a moment and, for a
// service, waits until all 20 have started: run one after another they would time out instead. On a first deploy,
// a failed preflight stops it between the shared stacks and the services.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { addAnotherService } from "@platform/testing/src/another-service";
import { fakePreflight } from "./support/fake-preflight";
import { fakePulumi } from "./support/fake-pulumi";
import { ScratchRepo } from "./support/scratch-repo";
import { repositoryRoot } from "./support/workflows";
import { pulumiProjects, serviceProjects, upstreamProjects } from "./support/delivery";

jest.setTimeout(300_000);

const UP_MS = 1000;

function deployStacks(
  repo: ScratchRepo,
  binDir: string,
  projects: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number; output: string }> {
  const script = join(repositoryRoot, ".github", "scripts", "deploy-stacks.sh");
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script, "dev", projects.join(",")], {
      cwd: repo.dir,
      env: {
        ...process.env,
        PATH: `${binDir}:${process.env.PATH ?? ""}`,
        NX_DAEMON: "false",
        NX_NO_CLOUD: "true",
        FAKE_PULUMI_UP_MS: String(UP_MS),
        FAKE_PULUMI_TOGETHER: "20",
        FAKE_PULUMI_ALONE: upstreamProjects.join(","),
        ...extraEnv,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status: status ?? -1, output }));
  });
}

describe("deploy-stacks.sh with 20 services", () => {
  let repo: ScratchRepo;
  afterAll(() => repo?.remove());

  it("deploys the shared stacks, then every service at once: about one service's time after them", async () => {
    repo = new ScratchRepo((dir) => {
      for (let i = 1; serviceCount(dir) < 20; i++) {
        const name = `svc${i}`;
        addAnotherService(
          dir,
          { name, image: `ghcr.io/acme/${name}@sha256:${"5e".repeat(32)}`, path: `/${name}/*` },
          { packConfigs: false },
        );
      }
    });
    const services = serviceProjects(repo);
    expect(services.length).toBe(20);
    const pulumi = fakePulumi();
    const { status, output } = await deployStacks(repo, pulumi.dir, pulumiProjects(repo));
    expect([status, output]).toEqual([0, expect.stringContaining("Deploying dev")]);

    const ups = pulumi.calls().filter((call) => call.argv[0] === "up");
    const upstream = ups.filter((call) => upstreamProjects.includes(call.stack.split("/")[0]!));
    const serviceUps = ups.filter((call) => !upstreamProjects.includes(call.stack.split("/")[0]!));
    expect(serviceUps.map((call) => call.stack).sort()).toEqual(services.map((s) => `${s}/dev`).sort());
    // Every service starts after both shared stacks ended (it reads them), and all 20 ran at once (the barrier).
    const sharedEnd = Math.max(...upstream.map((call) => call.ended!));
    expect(Math.min(...serviceUps.map((call) => call.started))).toBeGreaterThanOrEqual(sharedEnd);
    expect(Math.max(...serviceUps.map((call) => call.started))).toBeLessThan(
      Math.min(...serviceUps.map((call) => call.ended!)),
    );
    // The services' span: one `up` and the time 20 processes take to start, not 20 `up`s one after another.
    const span =
      Math.max(...serviceUps.map((call) => call.ended!)) - Math.min(...serviceUps.map((call) => call.started));
    console.log(`20 services' ups took ${span} ms together; one takes ${UP_MS} ms (after the shared stacks)`);
    expect(span).toBeLessThan(20 * UP_MS);
  });

  it("on a first deploy, deploys the shared stacks, and no service once a service's preflight fails", async () => {
    const pulumi = fakePulumi();
    const preflight = fakePreflight(pulumi.dir);
    preflight.answer("dev", { exit: 1, stdout: "FAIL  registry secret: the secret has no current value\n" });
    const { status, output } = await deployStacks(repo, pulumi.dir, pulumiProjects(repo), { FIRST_DEPLOY: "true" });
    expect(status).toBe(1);
    expect(output).toContain("the secret has no current value");
    expect(output).toMatch(/::error title=Preflight of service\/dev failed::no service of dev is deployed/);
    const ups = pulumi.calls().filter((call) => call.argv[0] === "up");
    expect(ups.map((call) => call.stack).sort()).toEqual(upstreamProjects.map((project) => `${project}/dev`));
    expect(preflight.calls()).toHaveLength(1); // the first failure stops it
  });
});

function serviceCount(dir: string): number {
  const repo = { dir } as ScratchRepo;
  return serviceProjects(repo).length;
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fakePulumi, type PulumiCall } from "./support/fake-pulumi";
import { runJob, type JobRun } from "./support/run-job";
import { scratchClone, type ScratchClone } from "./support/scratch-clone";
import { loadWorkflow } from "./support/workflows";

/*
 * The workflows' own run: steps, executed in a scratch clone with a fake pulumi on PATH. Each scenario is
 * one commit on top of this workspace; the pull-request gate job and the deploy workflow's dev job run as
 * a runner would run them. The gate plans three environments for real, so this file takes minutes.
 */
jest.setTimeout(900_000);

const pinnedDevImage = `ghcr.io/jonashackt/microservice-api-spring-boot-private@sha256:${"c3".repeat(32)}`;
let health: Server;
let albAddress: string;

beforeAll(async () => {
  health = createServer((request, response) => {
    response.writeHead(request.url === "/actuator/health" ? 200 : 404).end('{"status":"UP"}');
  });
  await new Promise<void>((resolve) => health.listen(0, "127.0.0.1", resolve));
  albAddress = `127.0.0.1:${(health.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => health.close(() => resolve())));

interface Scenario {
  gate: JobRun;
  deploy: JobRun;
  upCalls: PulumiCall[];
  smokeCalls: PulumiCall[];
}

/** Dev pinned by digest, as the deploy's first promotion leaves it, so the pin step needs no registry. */
function pinDev(dir: string): void {
  const path = join(dir, "projects/service/Pulumi.dev.yaml");
  writeFileSync(path, readFileSync(path, "utf8").replace(/^(\s*service:image:).*$/m, `$1 ${pinnedDevImage}`));
}

async function runScenario(changedFile: string): Promise<Scenario> {
  const clone: ScratchClone = scratchClone(changedFile, pinDev);
  const pulumi = fakePulumi();
  try {
    const context = { cwd: clone.dir, base: clone.base, head: clone.head, binDir: pulumi.dir };
    const gate = await runJob(loadWorkflow("pull-request.yml"), "gate", context);
    const deploy = await runJob(loadWorkflow("deploy.yml"), "dev", {
      ...context,
      extraEnv: { FAKE_PULUMI_OUTPUT_albDnsName: albAddress, SMOKE_INTERVAL: "0" },
    });
    const calls = pulumi.calls();
    return {
      gate,
      deploy,
      upCalls: calls.filter((call) => call.argv[0] === "up"),
      smokeCalls: calls.filter((call) => call.argv[0] === "stack"),
    };
  } finally {
    clone.remove();
  }
}

/** "<project folder>/<stack>" of each `pulumi up`, in call order. */
const stacksUp = (calls: PulumiCall[]) =>
  calls.map((call) => `${call.cwd.split("/").pop()}/${call.argv[call.argv.indexOf("--stack") + 1]}`);

/** The projects whose lint, typecheck and test targets the gate's nx affected step selects. */
const testedProjects = (log: string) =>
  (log.split("### Lint, type-check and test the affected projects\n")[1] ?? "")
    .split("\n### ")[0]!
    .split("\n")
    .filter((line) => /^[@\w/-]+$/.test(line))
    .sort();

/** The `<project>/<env>` rows of the plan's Markdown tables (the stacks each environment's plan ran). */
const plannedStacks = (markdown: string) =>
  [...markdown.matchAll(/^\| `(?:[^/`]+\/)?([^`]+\/(?:dev|staging|prod))` \|/gm)].map((match) => match[1]).sort();

describe("a change to projects/service only", () => {
  let scenario: Scenario;
  beforeAll(async () => (scenario = await runScenario("projects/service/index.ts")));

  it("makes the pull-request gate plan only the service (with its upstream stacks) in every environment", () => {
    expect(scenario.gate.log).toContain("Affected projects with a plan: service\n");
    expect(testedProjects(scenario.gate.log)).toEqual(["service"]);
    const expected = ["dev", "staging", "prod"].flatMap((env) =>
      ["networking", "registry-access", "service"].map((project) => `${project}/${env}`),
    );
    expect(plannedStacks(scenario.gate.outputs["plan-markdown"]!)).toEqual(expected.sort());
    expect(scenario.gate.summary).toContain("Offline plan of `prod`: passed");
  });

  it("makes the deploy job call pulumi up for service/dev only, then smoke-test the dev load balancer", () => {
    expect(stacksUp(scenario.upCalls)).toEqual(["service/dev"]);
    expect(scenario.smokeCalls.map((call) => call.argv.join(" "))).toEqual(["stack output albDnsName --stack dev"]);
    expect(scenario.deploy.log).toContain(`healthy after 1 attempt(s): http://${albAddress}/actuator/health`);
  });
});

describe("a change to libs/contracts", () => {
  let scenario: Scenario;
  beforeAll(async () => (scenario = await runScenario("libs/contracts/src/stacks.ts")));

  it("makes the pull-request gate plan every stack", () => {
    expect(scenario.gate.log).toContain("Affected projects with a plan: networking, registry-access, service\n");
    expect(testedProjects(scenario.gate.log)).toEqual(expect.arrayContaining(["contracts", "networking", "service"]));
  });

  it("makes the deploy job call pulumi up for every dev stack, the service last", () => {
    const stacks = stacksUp(scenario.upCalls);
    expect([...stacks].sort()).toEqual(["networking/dev", "registry-access/dev", "service/dev"]);
    expect(stacks[2]).toBe("service/dev");
  });
});

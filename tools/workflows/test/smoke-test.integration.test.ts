// smoke-test.sh, the verification a deployment's success (and so a promotion from it) rests on: every service of the
// environment is probed through the load balancer on its own route, and one that does not answer fails the job.
// It runs in this checkout (it only reads the services' folders), with a fake `pulumi` answering each stack's
// outputs and config, against a local server standing in for the ALB.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fakePulumi } from "./support/fake-pulumi";
import { repositoryRoot } from "./support/workflows";

jest.setTimeout(120_000);

interface Request {
  readonly path: string;
  readonly host: string;
}

let server: Server;
let alb: string;
let requests: Request[] = [];
/** The status the stand-in ALB answers per path; anything else gets the listener's default 404. */
let answers: Record<string, number> = {};

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ path: request.url ?? "", host: request.headers.host ?? "" });
    response.writeHead(answers[request.url ?? ""] ?? 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  alb = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
});

/** The deployed dev stacks: `service` takes every path; `whoami` takes /whoami/* on one host, its health elsewhere. */
function deployedDev(): string {
  const pulumi = fakePulumi();
  pulumi.answer("output albDnsName networking/dev", { stdout: `${alb}\n` });
  pulumi.answer("output routing service/dev", { stdout: JSON.stringify({ paths: ["/*"], hosts: [] }) });
  pulumi.answer("output routing whoami/dev", {
    stdout: JSON.stringify({ paths: ["/whoami/*"], hosts: ["*.example.com"] }),
  });
  pulumi.answer("config whoami/dev", { stdout: "/health\n" }); // `pulumi config get whoami:healthCheckPath`
  return pulumi.dir;
}

function smokeTest(binDir: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(repositoryRoot, ".github", "scripts", "smoke-test.sh"), "dev"], {
      cwd: repositoryRoot,
      env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ""}`, SMOKE_ATTEMPTS: "2", SMOKE_INTERVAL: "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => resolve({ status: status ?? -1, output }));
  });
}

describe("smoke-test.sh", () => {
  it("probes each service on its own route: its health check path where the route covers it, else the route", async () => {
    answers = { "/actuator/health": 200, "/whoami/": 200 };
    const { status, output } = await smokeTest(deployedDev());
    expect([status, output]).toEqual([0, expect.stringContaining("whoami/dev healthy after 1 attempt(s)")]);
    expect(requests).toEqual(
      expect.arrayContaining([
        { path: "/actuator/health", host: alb },
        { path: "/whoami/", host: "smoke.example.com" },
      ]),
    );
  });

  it("fails when one service does not answer on its route (no healthy target: 503), naming it", async () => {
    answers = { "/actuator/health": 200, "/whoami/": 503 };
    const { status, output } = await smokeTest(deployedDev());
    expect(status).toBe(1);
    expect(output).toContain("service/dev healthy after 1 attempt(s)");
    expect(output).toContain(
      `::error title=Smoke test of whoami/dev failed::http://${alb}/whoami/ (Host: smoke.example.com) did not answer with a 2xx or 3xx`,
    );
    expect(requests.filter((request) => request.path === "/whoami/")).toHaveLength(2); // SMOKE_ATTEMPTS
  });

  it("does not take the listener's 404 for a path no service claims as an answer", async () => {
    answers = { "/actuator/health": 200 };
    const { status, output } = await smokeTest(deployedDev());
    expect([status, output]).toEqual([1, expect.stringContaining("Smoke test of whoami/dev failed")]);
  });
});

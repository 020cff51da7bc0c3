// `nx g @platform/nx-pulumi:service` for real: one generation in a scratch copy of the workspace, through the nx
// command line, then planned as `npm start` plans it. The refusals run in-process: service-generator.test.ts.
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { scratchWorkspace } from "@platform/testing";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";
import { isolatedNxEnv } from "./support/nx-env";
import { execFile } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

const DIGEST = `sha256:${"4f9e2c7a1b3d5e6f".repeat(4)}`;
const IMAGE = `ghcr.io/acme/orders@${DIGEST}`;

function nx(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [require.resolve("nx/bin/nx.js"), ...args],
      { cwd, env: isolatedNxEnv() },
      // nx colours its output where it thinks a terminal or CI shows it (CI=true does): the words are the point.
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout: stripVTControlCharacters(stdout),
          stderr: stripVTControlCharacters(stderr),
        }),
    );
  });
}

function plan(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(cwd, "tools/offline-plan/bin/plan.js"), ...args],
      { cwd, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("in a scratch copy of the workspace", () => {
  let root: string;
  let dryRun: Awaited<ReturnType<typeof nx>>;
  let writtenByDryRun: boolean;
  let generated: Awaited<ReturnType<typeof nx>>;
  let planned: Awaited<ReturnType<typeof plan>>;
  let configDrift: Awaited<ReturnType<typeof plan>>;
  const command = ["g", "@platform/nx-pulumi:service", "orders", "--image", IMAGE, "--host", "orders.example.com"];

  beforeAll(async () => {
    root = scratchWorkspace("service-generator-");
    dryRun = await nx([...command, "--dry-run"], root);
    writtenByDryRun = existsSync(path.join(root, "projects/orders"));
    generated = await nx(command, root);
    // One plan: the new service and the stacks it reads, as `npm start -- --env dev` plans them.
    const projects = ["networking", "registry-access", "orders"].flatMap((p) => ["--project", `projects/${p}`]);
    planned = await plan(["--env", "dev", "--json", ...projects], root);
    // The pack configs' drift check, as config-files.test.ts runs it: exit 1 when a file differs from its sources.
    configDrift = await new Promise((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "policies/fargate-guard/scripts/generate-env-configs.ts"],
        { cwd: root },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("--dry-run lists the files it would write, and writes none", () => {
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("CREATE projects/orders/Pulumi.dev.yaml");
    expect(dryRun.stdout).toContain("UPDATE libs/contracts/src/stacks.ts");
    expect(writtenByDryRun).toBe(false);
  });

  it("creates the project, its stack files and tests, and its entry in the stack graph and the lockfile", () => {
    expect({ code: generated.code, stderr: generated.stderr }).toEqual({ code: 0, stderr: "" });
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml", "index.ts"])
      expect(existsSync(path.join(root, "projects/orders", file))).toBe(true);
    expect(existsSync(path.join(root, "projects/orders/test/service.test.ts"))).toBe(true);
    const stacks = readFileSync(path.join(root, "libs/contracts/src/stacks.ts"), "utf8");
    expect(stacks).toContain(
      `export const SERVICE_PROJECTS = ${JSON.stringify([...SERVICE_PROJECTS, "orders"].sort()).replaceAll(",", ", ")} as const;`,
    );
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, { name?: string }>;
    };
    expect(lock.packages["node_modules/@platform/orders"]).toEqual({ resolved: "projects/orders", link: true });
    expect(lock.packages["projects/orders"]!.name).toBe("@platform/orders");
  });

  it("gives it a listener priority no other service uses, in every environment", () => {
    const prod = readFileSync(path.join(root, "projects/orders/Pulumi.prod.yaml"), "utf8");
    const priority = Number(/orders:listenerPriority: (\d+)/.exec(prod)?.[1]);
    for (const service of SERVICE_PROJECTS) {
      const other = readFileSync(path.join(root, "projects", service, "Pulumi.prod.yaml"), "utf8");
      expect(other).not.toMatch(new RegExp(`:listenerPriority: ${priority}$`, "m"));
    }
    expect(prod).toContain(`orders:image: ${IMAGE}`);
    expect(prod).toContain("orders:hosts: [orders.example.com]");
  });

  it("adds its rule to the pack configs exactly as their generator would, so every service is checked against it", () => {
    expect(configDrift).toEqual({ code: 0, stdout: "Every config/<env>.json matches its profile.\n", stderr: "" });
    const dev = JSON.parse(readFileSync(path.join(root, "policies/fargate-guard/config/dev.json"), "utf8")) as Record<
      string,
      { services: Array<{ project: string }> }
    >;
    expect(dev["listener-rules-distinct"]!.services.map((s) => s.project)).toContain("orders");
  });

  it("plans clean at once, with the pack", () => {
    expect({ code: planned.code, stderr: planned.code ? planned.stderr : "" }).toEqual({ code: 0, stderr: "" });
    const result = JSON.parse(planned.stdout) as { ok: boolean; stacks: Array<{ project: string; error: unknown }> };
    expect(result.ok).toBe(true);
    expect(result.stacks.map((s) => [s.project, s.error])).toContainEqual(["orders", null]);
  });
});

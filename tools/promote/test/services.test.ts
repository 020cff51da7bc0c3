// Promotion per service: --service picks the project, its stack file and its `<service>:image` key; without it,
// the only service there is. The plan's own verdict is promotion.integration.test.ts's; here the plan is a recorded one,
// so each test sees the very candidate, and the file it replaces, that a promotion plans with.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli";
import type { PlanVerdict } from "../src/plan-check";
import type { Candidate } from "../src/promote";
import {
  copyWorkspaceWithShop,
  digestA,
  digestB,
  ghcrImage,
  runPromote,
  setServiceImage,
  shop,
  type TemporaryWorkspace,
} from "./support/workspace";

const passing: PlanVerdict = { ok: true, violations: [], errors: [] };

/** `main` with a plan that records what it is given and passes. */
async function promoteRecorded(argv: string[]) {
  const planned: Array<[string, string, Candidate]> = [];
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
    (dir, env, candidate) => {
      planned.push([dir, env, candidate]);
      return Promise.resolve(passing);
    },
  );
  return { code, stdout, stderr, planned };
}

describe("promote in a workspace with two services", () => {
  let workspace: TemporaryWorkspace;
  const files = () =>
    ["service", "shop"].flatMap((service) =>
      ["dev", "staging", "prod"].map((env) => workspace.read(`projects/${service}/Pulumi.${env}.yaml`)),
    );
  beforeAll(() => {
    workspace = copyWorkspaceWithShop();
    setServiceImage(workspace, "staging", `${ghcrImage}@${digestA}`);
    setServiceImage(workspace, "staging", `ghcr.io/acme/shop@${digestB}`, "shop");
  });
  afterAll(() => workspace.remove());

  it("refuses to guess without --service, listing the services, and writes nothing", async () => {
    const before = files();
    const result = await runPromote(workspace, ["--from", "staging", "--to", "prod"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/promote: This workspace has \d+ services \(.*\bservice\b.*\); say which one\./);
    expect(result.stderr).toMatch(/Fix: --service <name>, one of .*\bshop\b/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(files()).toEqual(before);
  });

  it("refuses an unknown service, naming it and listing the services", async () => {
    const { code, stderr, planned } = await promoteRecorded([
      ...["--service", "shpo", "--from", "staging", "--to", "prod", "--workspace", workspace.dir],
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--service "shpo" is not a service of this workspace; its services: ');
    expect(stderr).toMatch(/its services: [^\n]*\bservice\b/);
    expect(stderr).toMatch(/its services: [^\n]*\bshop\b/);
    expect(planned).toEqual([]);
  });

  it("moves shop's staging digest into projects/shop/Pulumi.prod.yaml's shop:image, and touches no other file", async () => {
    const path = "projects/shop/Pulumi.prod.yaml";
    const before = files();
    const shopProd = workspace.read(path);
    const pinned = `ghcr.io/acme/shop@${digestB}`;
    const expected = shopProd.replace(`shop:image: ${shop.image}`, `shop:image: ${pinned}`);
    const result = await promoteRecorded([
      ...["--service", "shop", "--from", "staging", "--to", "prod", "--json", "--workspace", workspace.dir],
    ]);
    expect(result.stderr).not.toContain("promote:");
    expect(result.code).toBe(0);
    expect(result.planned).toEqual([
      [workspace.dir, "prod", { project: "projects/shop", stackFile: path, text: expected }],
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({
      service: "shop",
      stackFile: path,
      from: "staging",
      to: "prod",
      image: pinned,
      previousImage: shop.image,
      written: true,
    });
    expect(files()).toEqual(before.map((text) => (text === shopProd ? expected : text)));
  });
});

describe("promote in a workspace with one service", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "promote-one-service-"));
    // A service named otherwise than `service`, beside a Pulumi project that is not a service.
    project("networking", {}, {});
    project("api", { "@platform/service-component": "0.1.0" }, { dev: `${ghcrImage}@${digestA}`, staging: "x:1" });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function project(name: string, dependencies: Record<string, string>, images: Record<string, string>) {
    const root = join(dir, "projects", name);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: `@platform/${name}`, dependencies }));
    for (const [env, image] of Object.entries(images)) {
      writeFileSync(join(root, `Pulumi.${env}.yaml`), `config:\n  ${name}:image: ${image}\n`);
    }
  }

  it("promotes that service without --service", async () => {
    const result = await promoteRecorded(["--from", "dev", "--to", "staging", "--json", "--workspace", dir]);
    expect(result.stderr).not.toContain("promote:");
    expect(JSON.parse(result.stdout)).toMatchObject({ service: "api", stackFile: "projects/api/Pulumi.staging.yaml" });
    expect(readFileSync(join(dir, "projects", "api", "Pulumi.staging.yaml"), "utf8")).toBe(
      `config:\n  api:image: ${ghcrImage}@${digestA}\n`,
    );
  });

  it("refuses a workspace without a service, saying what makes a project one", async () => {
    const empty = join(dir, "projects", "networking");
    const result = await promoteRecorded(["--from", "dev", "--to", "staging", "--workspace", empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No service project in");
    expect(result.stderr).toContain("depends on @platform/service-component");
  });
});

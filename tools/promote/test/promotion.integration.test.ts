// Promotions through the real offline plan of prod (all its stacks and the pack) on a copy of the whole workspace:
// one as a user starts it, in its own process, and one that the plan refuses, through the command's main in this
// process. The refusals that need no plan, and a dry run's plan, are promotion.test.ts's and refusals.test.ts's.
import { main } from "../src/cli";
import {
  copyWorkspace,
  copyWorkspaceWithShop,
  digestA,
  ghcrImage,
  runPromote,
  setServiceImage,
  type TemporaryWorkspace,
} from "./support/workspace";

const prodPath = "projects/service/Pulumi.prod.yaml";

describe("one service", () => {
  let workspace: TemporaryWorkspace;
  beforeAll(() => {
    workspace = copyWorkspace();
    setServiceImage(workspace, "staging", `${ghcrImage}@${digestA}`);
  });
  afterAll(() => workspace.remove());

  describe("promote --from staging --to prod", () => {
    it("moves staging's digest into prod, changing only that line's bytes, and prints a unified diff", async () => {
      const before = workspace.read(prodPath);
      const oldLine = before.split("\n").find((line) => line.startsWith("  service:image:"))!;
      const result = await runPromote(workspace, ["--service", "service", "--from", "staging", "--to", "prod"]);
      expect(result.stderr).not.toContain("promote:");
      expect(result.code).toBe(0);
      const after = workspace.read(prodPath);
      expect(after).toBe(before.replace(oldLine, `  service:image: ${ghcrImage}@${digestA}`));
      expect(result.stdout).toContain(`--- a/${prodPath}\n+++ b/${prodPath}\n`);
      expect(result.stdout).toContain(`\n-${oldLine}\n+  service:image: ${ghcrImage}@${digestA}\n`);
      expect(result.stdout).toContain("Plan of prod passes.");
    });

    it("does nothing the second time, says so and exits 0", async () => {
      const before = workspace.read(prodPath);
      const result = await runPromote(workspace, [
        "--service",
        "service",
        "--from",
        "staging",
        "--to",
        "prod",
        "--json",
      ]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        service: "service",
        stackFile: prodPath,
        from: "staging",
        to: "prod",
        image: `${ghcrImage}@${digestA}`,
        previousImage: `${ghcrImage}@${digestA}`,
        changed: false,
        plan: null,
      });
      expect(workspace.read(prodPath)).toBe(before);
    });
  });
});

describe("two services", () => {
  let workspace: TemporaryWorkspace;
  beforeAll(() => (workspace = copyWorkspaceWithShop()));
  afterAll(() => workspace.remove());

  // It promotes the second service, so the plan refuses only if the candidate took the place of that service's
  // own stack file.
  describe("the offline plan gates a promotion", () => {
    it("leaves prod byte-for-byte unchanged when its plan fails for an image on a host without credentials", async () => {
      const paths = ["projects/shop/Pulumi.prod.yaml", "projects/service/Pulumi.prod.yaml"];
      const before = paths.map((path) => workspace.read(path));
      const image = `quay.io/acme/app@${digestA}`;
      const result = { stdout: "", stderr: "" };
      const args = ["--service", "shop", "--image", image, "--to", "prod", "--skip-stage", "--reason", "test"];
      const code = await main([...args, "--workspace", workspace.dir], {
        stdout: (text) => (result.stdout += text),
        stderr: (text) => (result.stderr += text),
      });
      expect(code).toBe(1);
      expect(paths.map((path) => workspace.read(path))).toEqual(before);
      expect(result.stdout).toContain("Plan of prod FAILED with shop's new image");
      // The program refuses the image before the pack sees it: the error names the stack and the registry host.
      expect(result.stdout).toMatch(/error: shop\/prod: .*quay\.io/s);
      expect(result.stdout).not.toMatch(/error: service\/prod/);
    });
  });
});

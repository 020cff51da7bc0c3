import { main } from "../src/cli";
import { copyWorkspaceWithShop, digestA, type TemporaryWorkspace } from "./support/workspace";

let workspace: TemporaryWorkspace;
beforeAll(() => (workspace = copyWorkspaceWithShop()));
afterAll(() => workspace.remove());

// The real offline plan of prod refuses here. promotion.test.ts runs a promotion end to end as a user starts it;
// this one calls the command's main in this process. It promotes the second service, so the plan refuses only if
// the candidate took the place of that service's own stack file.
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

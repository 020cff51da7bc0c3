import { main } from "../src/cli";
import { planWithCandidate } from "../src/plan-check";
import { copyWorkspace, digestA, type TemporaryWorkspace } from "./support/workspace";

let workspace: TemporaryWorkspace;
beforeAll(() => (workspace = copyWorkspace()));
afterAll(() => workspace.remove());

// The real offline plan of prod refuses here. promotion.test.ts runs a promotion end to end as a user starts it;
// this one calls the command's main with the plan started the way the plan's own tests start it (`--pack-start
// tsx`, the same answers without type-checking the pack again).
describe("the offline plan gates a promotion", () => {
  it("leaves prod byte-for-byte unchanged when its plan fails for an image on a host without credentials", async () => {
    const path = "projects/service/Pulumi.prod.yaml";
    const before = workspace.read(path);
    const image = `quay.io/acme/app@${digestA}`;
    const result = { stdout: "", stderr: "" };
    const code = await main(
      ["--image", image, "--to", "prod", "--skip-stage", "--reason", "test", "--workspace", workspace.dir],
      { stdout: (text) => (result.stdout += text), stderr: (text) => (result.stderr += text) },
      (dir, env, candidate) => planWithCandidate(dir, env, candidate, "tsx"),
    );
    expect(code).toBe(1);
    expect(workspace.read(path)).toBe(before);
    expect(result.stdout).toContain("Plan of prod FAILED with this image");
    // The program refuses the image before the pack sees it: the error names the registry host.
    expect(result.stdout).toMatch(/error: service\/prod: .*quay\.io/s);
  });
});

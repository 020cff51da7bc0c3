import { copyWorkspace, digestA, runPromote, type TemporaryWorkspace } from "./support/workspace";

let workspace: TemporaryWorkspace;
beforeAll(() => (workspace = copyWorkspace()));
afterAll(() => workspace.remove());

describe("the offline plan gates a promotion", () => {
  it("leaves prod byte-for-byte unchanged when its plan fails for an image on a host without credentials", async () => {
    const path = "projects/service/Pulumi.prod.yaml";
    const before = workspace.read(path);
    const image = `quay.io/acme/app@${digestA}`;
    const result = await runPromote(workspace, ["--image", image, "--to", "prod", "--skip-stage", "--reason", "test"]);
    expect(result.code).toBe(1);
    expect(workspace.read(path)).toBe(before);
    expect(result.stdout).toContain("Plan of prod FAILED with this image");
    // The program refuses the image before the pack sees it: the error names the registry host.
    expect(result.stdout).toMatch(/error: service\/prod: .*quay\.io/s);
  });
});

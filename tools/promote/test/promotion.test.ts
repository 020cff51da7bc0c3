import { main } from "../src/cli";
import type { PlanVerdict } from "../src/plan-check";
import type { Candidate } from "../src/promote";
import { copyWorkspace, digestB, ghcrImage, type TemporaryWorkspace } from "./support/workspace";

// The promotions through the real plan are promotion.integration.test.ts's.
let workspace: TemporaryWorkspace;
beforeAll(() => (workspace = copyWorkspace()));
afterAll(() => workspace.remove());

const prodPath = "projects/service/Pulumi.prod.yaml";

// A dry run plans as a promotion does (the real plan's verdict is the test above's); what it adds is that nothing
// is written whatever the plan says. So its plan is a recorded one: the test sees the very candidate the plan is
// given, and that a passing verdict still writes nothing.
describe("promote --image --to prod --skip-stage --reason, as a dry run", () => {
  it("prints the diff with the reason as a comment next to the key, the plan verdict, and writes nothing", async () => {
    const before = workspace.read(prodPath);
    const image = `${ghcrImage}@${digestB}`;
    const args = ["--service", "service", "--image", image, "--to", "prod"];
    args.push("--skip-stage", "--reason", "CVE hotfix", "--dry-run", "--json");
    const planned: Array<[string, string, Candidate]> = [];
    const passing: PlanVerdict = { ok: true, violations: [], errors: [] };
    let stdout = "";
    const code = await main(
      [...args, "--workspace", workspace.dir],
      { stdout: (text) => (stdout += text), stderr: () => {} },
      (dir, env, candidate) => {
        planned.push([dir, env, candidate]);
        return Promise.resolve(passing);
      },
    );
    expect(code).toBe(0);
    const line = `  service:image: ${image} # promote: skipped dev, staging: CVE hotfix`;
    const oldLine = before.split("\n").find((l) => l.startsWith("  service:image:"))!;
    expect(planned).toEqual([
      [
        workspace.dir,
        "prod",
        { project: "projects/service", stackFile: prodPath, text: before.replace(oldLine, line) },
      ],
    ]);
    const report = JSON.parse(stdout) as { changed: boolean; written: boolean; diff: string; plan: unknown };
    expect(report).toMatchObject({ from: null, image, changed: true, written: false, plan: passing });
    expect(report.diff).toContain(`+${line}\n`);
    expect(workspace.read(prodPath)).toBe(before);
  });
});

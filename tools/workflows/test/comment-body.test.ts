// .github/scripts/comment-body.sh, run with bash as the gate's step runs it: a plan GitHub would refuse as a
// comment (over 65,536 characters) is cut at a line, any open code block closed, with a link to the whole plan.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryRoot } from "./support/workflows";

const url = "https://github.com/acme/platform/actions/runs/7/artifacts/9";
function body(plan: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "comment-body-")), "plan.md");
  writeFileSync(file, plan);
  const script = join(repositoryRoot, ".github", "scripts", "comment-body.sh");
  return execFileSync("bash", [script, file, url], { encoding: "utf8" });
}
const fences = (text: string) => text.split("\n").filter((line) => line.trim().startsWith("```")).length;

describe("comment-body.sh", () => {
  it("leaves a plan that fits as it is", () => {
    const plan = "## Offline plan of `dev`: passed\n\n```\n+ service\n```";
    expect(body(plan)).toBe(`${plan}\n`);
  });

  it("cuts a plan of 300,000 characters (not bytes: each 'é' is two) below GitHub's limit, with the link", () => {
    const line = (i: number) => `+ aws:ecs/service:Service é-${i} ${"x".repeat(80)}`;
    const plan = [
      "## Offline plan of `prod`: passed",
      "",
      "```",
      ...Array.from({ length: 3300 }, (_, i) => line(i)),
      "```",
    ].join("\n");
    expect(plan.length).toBeGreaterThan(300_000);
    const cut = body(plan);
    expect(cut.length).toBeLessThanOrEqual(65_000);
    expect(cut.length).toBeGreaterThan(60_000);
    expect(cut).toContain(`it has ${plan.length} characters, and a comment holds at most 65,536.`);
    expect(cut.trimEnd().endsWith(`[offline-plan](${url}).`)).toBe(true);
    // Cut at a whole line, and the code block it cut into closed before the footer.
    const lines = cut.split("\n");
    const lastPlanLine = lines[lines.indexOf("```", 3) - 1]!;
    expect(lastPlanLine).toMatch(/^\+ aws:ecs\/service:Service é-\d+ x{80}$/);
    expect(fences(cut) % 2).toBe(0);
  });

  it("closes no code block that the cut left closed", () => {
    const plan = ["## a", ...Array.from({ length: 1000 }, (_, i) => `line ${i} ${"y".repeat(100)}`)].join("\n");
    const cut = body(plan);
    expect(fences(cut)).toBe(0);
    expect(cut.length).toBeLessThanOrEqual(65_000);
  });
});

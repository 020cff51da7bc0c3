import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot, workflowFiles } from "./support/workflows";

const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
const start = readme.indexOf("## Delivery");
const delivery = readme.slice(start, readme.indexOf("\n## ", start + 1));

describe("the README's delivery section", () => {
  it("exists and draws the flow as a Mermaid picture", () => {
    expect(delivery).toMatch(/^## Delivery/);
    expect(delivery).toContain("```mermaid");
  });

  it("names only workflow files that exist, and names every one of them", () => {
    const named = [...new Set([...delivery.matchAll(/\b([\w-]+\.yml)\b/g)].map((m) => m[1]!))].sort();
    for (const file of named) {
      expect([file, existsSync(join(repositoryRoot, ".github", "workflows", file))]).toEqual([file, true]);
    }
    expect(named).toEqual(workflowFiles());
  });

  it("names only scripts that exist", () => {
    const scripts = [...delivery.matchAll(/\.github\/scripts\/([\w-]+\.sh)/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(existsSync(join(repositoryRoot, ".github", "scripts", script))).toBe(true);
  });
});

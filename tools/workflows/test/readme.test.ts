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

describe("the delivery setup (docs/delivery-setup.md)", () => {
  const setup = readFileSync(join(repositoryRoot, "docs", "delivery-setup.md"), "utf8");
  const workflowsText = workflowFiles()
    .map((file) => readFileSync(join(repositoryRoot, ".github", "workflows", file), "utf8"))
    .join("\n");

  it("names every variable and secret the workflows read, so a team sets each of them", () => {
    const names = [...new Set([...workflowsText.matchAll(/\b(?:vars|secrets)\.([A-Z_]+)/g)].map((m) => m[1]!))];
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect([name, setup.includes(`\`${name}\``)]).toEqual([name, true]);
  });

  it("names every GitHub environment a job runs in", () => {
    const named = [...workflowsText.matchAll(/^\s+environment: (.+?)(?:\s+#.*)?$/gm)].map((m) => m[1]!);
    const environments = named.flatMap((name) =>
      /matrix\.env|needs\.promote\.outputs\.to/.test(name)
        ? ["dev", "staging", "prod"].map((env) => name.replace(/\$\{\{.*\}\}/, env))
        : [name],
    );
    for (const environment of environments) expect(setup).toContain(`\`${environment}\``);
  });
});

describe("the README's provider plugins", () => {
  const installs = [...readme.matchAll(/^pulumi plugin install resource (\S+) (\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
  const installed = (name: string) =>
    JSON.parse(readFileSync(join(repositoryRoot, "node_modules", "@pulumi", name, "package.json"), "utf8")) as {
      version: string;
      dependencies: Record<string, string>;
    };

  it("installs the aws and awsx plugins of the installed packages, and the aws plugin awsx's own plugin bundles", () => {
    const awsx = installed("awsx");
    // awsx's provider pins @pulumi/aws exactly; its SDK package asks for `^<that version>`.
    const bundled = /^\^(\d+\.\d+\.\d+)$/.exec(awsx.dependencies["@pulumi/aws"]!)![1]!;
    expect(installs.sort()).toEqual(
      [`aws ${installed("aws").version}`, `aws ${bundled}`, `awsx ${awsx.version}`].sort(),
    );
    expect(readme).toContain(`bundles @pulumi/aws ${bundled}`);
  });
});

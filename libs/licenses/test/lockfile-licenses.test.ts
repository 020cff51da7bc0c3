// The licence gate: a dependency whose licence is outside the allow-list (src/allowed-licenses.ts) fails
// `npm test` as soon as it enters package-lock.json, and every workspace package names the repository's licence.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  dependencyClosure,
  licenseProblems,
  readLockfile,
  thirdPartyLicensesMarkdown,
  type LockEntry,
  type Lockfile,
} from "../src";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const workspaceLock = readLockfile(path.join(ROOT, "package-lock.json"));

/** A lockfile with the workspace's root and `packages` added. */
const lockWith = (packages: Record<string, LockEntry>): Lockfile => ({
  file: "package-lock.json",
  packages: { "": { name: "root", license: "Apache-2.0" }, ...packages },
});

describe("the workspace's package-lock.json", () => {
  it("holds only dependencies whose licences are allowed, and workspace packages under the repository's licence", () => {
    expect(licenseProblems(workspaceLock)).toEqual([]);
  });

  it("names the licence of LICENSE in the root package.json", () => {
    expect(workspaceLock.packages[""]?.license).toBe("Apache-2.0");
    expect(readFileSync(path.join(ROOT, "LICENSE"), "utf8")).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });
});

describe("licenseProblems", () => {
  it("refuses a dependency under a licence outside the allow-list, naming it and where the list lives", () => {
    const problems = licenseProblems(
      lockWith({ "node_modules/a/node_modules/copyleft": { version: "1.2.3", license: "GPL-3.0-only" } }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^copyleft@1\.2\.3 \(node_modules\/a\/node_modules\/copyleft\) is licensed "GPL-3\.0-only", which is outside ALLOWED_LICENSES \(MIT, .*\) in libs\/licenses\/src\/allowed-licenses\.ts\. Fix: /,
      ),
    ]);
  });

  it("accepts AGPL-3.0-or-later only for the packages its exception names", () => {
    const problems = licenseProblems(
      lockWith({
        "node_modules/@cloud-copilot/iam-simulate": { version: "1.0.0", license: "AGPL-3.0-or-later" },
        "node_modules/other-agpl": { version: "1.0.0", license: "AGPL-3.0-or-later" },
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('other-agpl@1.0.0 (node_modules/other-agpl) is licensed "AGPL-3.0-or-later"'),
    ]);
  });

  it("reads SPDX expressions: one allowed choice of an OR is enough, every part of an AND must be allowed", () => {
    const problems = licenseProblems(
      lockWith({
        "node_modules/either": { version: "1.0.0", license: "(MIT OR GPL-3.0-only)" },
        "node_modules/both": { version: "1.0.0", license: "MIT AND GPL-3.0-only" },
      }),
    );
    expect(problems).toEqual([expect.stringContaining("both@1.0.0")]);
  });

  it("refuses a licence given as a file reference or not at all, until someone has read it", () => {
    const problems = licenseProblems(
      lockWith({
        "node_modules/@logdna/tail-file": { version: "9.9.9", license: "SEE LICENSE IN LICENSE" },
        "node_modules/silent": { version: "1.0.0" },
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining(
        '@logdna/tail-file@9.9.9 (node_modules/@logdna/tail-file) gives its licence as "SEE LICENSE IN LICENSE"',
      ),
      expect.stringContaining("silent@1.0.0 (node_modules/silent) names no licence. Fix: read its licence file"),
    ]);
  });

  it("refuses a workspace package that does not name the repository's licence", () => {
    expect(licenseProblems(lockWith({ "libs/new": { name: "@platform/new", version: "0.1.0" } }))).toEqual([
      'libs/new/package.json has "license": null; the repository\'s is "Apache-2.0". Fix: set "license": "Apache-2.0" there, then npm install to update package-lock.json.',
    ]);
  });
});

describe("dependencyClosure", () => {
  it("follows the pack's dependencies through the lockfile as Node resolves them, transitive ones included", () => {
    const closure = dependencyClosure(workspaceLock, "policies/fargate-guard", [
      "@cloud-copilot/iam-simulate",
      "@pulumi/policy",
    ]);
    const names = closure.map((p) => p.name);
    // iam-simulate's own dependency, and @pulumi/policy's peer, the SDK, with one of its dependencies.
    expect(names).toEqual(expect.arrayContaining(["@cloud-copilot/iam-utils", "@pulumi/pulumi", "@grpc/grpc-js"]));
    expect(names).not.toContain("jest");
    expect(new Set(closure.map((p) => p.location)).size).toBe(closure.length);
  });

  it("resolves a nested copy before the hoisted one", () => {
    const lock = lockWith({
      "node_modules/a": { version: "1.0.0", license: "MIT", dependencies: { b: "^2" } },
      "node_modules/a/node_modules/b": { version: "2.0.0", license: "MIT" },
      "node_modules/b": { version: "1.0.0", license: "MIT" },
    });
    expect(dependencyClosure(lock, "", ["a"]).map((p) => `${p.name}@${p.version}`)).toEqual(["a@1.0.0", "b@2.0.0"]);
  });
});

describe("thirdPartyLicensesMarkdown", () => {
  it("lists each name and version once with its licence, and says which need more than a notice", () => {
    const lock = lockWith({
      "node_modules/@cloud-copilot/iam-utils": { version: "0.1.0", license: "AGPL-3.0-or-later" },
      "node_modules/x": { version: "1.0.0", license: "MIT" },
      "node_modules/y/node_modules/x": { version: "1.0.0", license: "MIT" },
      "node_modules/@logdna/tail-file": { version: "2.2.0", license: "SEE LICENSE IN LICENSE" },
    });
    const markdown = thirdPartyLicensesMarkdown(
      "pack",
      dependencyClosure(lock, "", ["@cloud-copilot/iam-utils", "x", "@logdna/tail-file"]),
    );
    expect(markdown.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| package"))).toEqual([
      "| @cloud-copilot/iam-utils | 0.1.0 | AGPL-3.0-or-later |",
      "| @logdna/tail-file | 2.2.0 | MIT |",
      "| x | 1.0.0 | MIT |",
    ]);
    expect(markdown).toContain("- **AGPL-3.0-or-later**: @cloud-copilot/iam-utils.");
  });
});

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { bundlePack } from "../../scripts/bundle";
import { startPackProcess } from "../support/pack-process";
import { analyzerProtocolSuite } from "../support/protocol-suite";

const run = promisify(execFile);

/**
 * What `pulumi policy publish` uploads: the bundle, installed from the registry alone, outside the
 * workspace, so no @platform package and no workspace node_modules can be reached. npm's cache keeps
 * the install fast (--prefer-offline); install scripts stay off, as on CI.
 */
describe("the published bundle, installed outside the workspace with npm install --omit=dev", () => {
  let scratch: string;
  afterAll(() => scratch && fs.rmSync(scratch, { recursive: true, force: true }));
  /** What the bundle holds, read while the suite's pack is set up, asserted below. */
  let bundle: { dependencies: Record<string, string>; license?: string; hasLicense: boolean; thirdParty: string };
  let platformInstalled: boolean;

  analyzerProtocolSuite(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fargate-guard-bundle-"));
    const built = path.join(scratch, "built");
    const packDir = path.join(scratch, "published");
    const { dependencies } = await bundlePack(built);
    bundle = {
      dependencies,
      ...(JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8")) as { license?: string }),
      hasLicense: fs.existsSync(path.join(built, "LICENSE")),
      thirdParty: fs.readFileSync(path.join(built, "THIRD-PARTY-LICENSES.md"), "utf8"),
    };
    fs.cpSync(built, packDir, { recursive: true });
    const install = ["install", "--omit=dev", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"];
    await run("npm", install, { cwd: packDir });
    platformInstalled = fs.existsSync(path.join(packDir, "node_modules/@platform"));
    return { pack: await startPackProcess({ packDir }), packDir };
  });

  it("depends on no @platform package, and none is installed with it", () => {
    expect(Object.keys(bundle.dependencies).filter((name) => name.startsWith("@platform/"))).toEqual([]);
    expect(platformInstalled).toBe(false);
  });

  it("carries its licence, and every declared dependency in the list of licences", () => {
    expect([bundle.license, bundle.hasLicense]).toEqual(["Apache-2.0", true]);
    const listed = Object.entries(bundle.dependencies).map(([name, version]) => `| ${name} | ${version} |`);
    expect(listed.filter((row) => !bundle.thirdParty.includes(row))).toEqual([]);
    expect(bundle.thirdParty).toContain("| @cloud-copilot/iam-simulate | 0.1.173 | AGPL-3.0-or-later |");
  });
});

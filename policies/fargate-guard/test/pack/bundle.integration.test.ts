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

  analyzerProtocolSuite(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fargate-guard-bundle-"));
    const built = path.join(scratch, "built");
    const packDir = path.join(scratch, "published");
    const { dependencies } = await bundlePack(built);
    expect(Object.keys(dependencies).filter((name) => name.startsWith("@platform/"))).toEqual([]);
    // The licence travels with it, and every declared dependency is in the list of licences.
    expect(
      (JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8")) as { license?: string }).license,
    ).toBe("Apache-2.0");
    expect(fs.existsSync(path.join(built, "LICENSE"))).toBe(true);
    const thirdParty = fs.readFileSync(path.join(built, "THIRD-PARTY-LICENSES.md"), "utf8");
    for (const [name, version] of Object.entries(dependencies))
      expect(thirdParty).toContain(`| ${name} | ${version} |`);
    expect(thirdParty).toContain("| @cloud-copilot/iam-simulate | 0.1.173 | AGPL-3.0-or-later |");
    fs.cpSync(built, packDir, { recursive: true });
    const install = ["install", "--omit=dev", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"];
    await run("npm", install, { cwd: packDir });
    expect(fs.existsSync(path.join(packDir, "node_modules/@platform"))).toBe(false);
    return { pack: await startPackProcess({ packDir }), packDir };
  });
});

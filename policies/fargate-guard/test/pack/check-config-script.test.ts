import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const script = path.resolve(__dirname, "../../scripts/check-config.ts");
const run = (...files: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...files], {
    encoding: "utf8",
    cwd: path.resolve(__dirname, "../../../.."),
  });

describe("scripts/check-config.ts, the check a pipeline runs before --policy-pack-config", () => {
  it("passes the three environment files", () => {
    const result = run();
    expect({ status: result.status, stdout: result.stdout.trim().split("\n") }).toEqual({
      status: 0,
      stdout: [
        "✓ policies/fargate-guard/config/dev.json",
        "✓ policies/fargate-guard/config/staging.json",
        "✓ policies/fargate-guard/config/prod.json",
      ],
    });
  });

  it("exits 1 naming the file and the misspelt rule", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fargate-guard-")), "prod.json");
    fs.writeFileSync(file, JSON.stringify({ "image-digest-pin": "mandatory" }));
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^✗ .*prod\.json: `image-digest-pin` is not a rule of fargate-guard; use one of /);
  });
});

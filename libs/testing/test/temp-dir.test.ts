import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

// jest.config.js's globalSetup gives the run one temporary folder and its globalTeardown removes it.
describe("the test run's temporary folder", () => {
  it("is where this worker and the processes it starts make their temporary files", () => {
    const child = execFileSync(process.execPath, ["-p", "require('node:os').tmpdir()"], { encoding: "utf8" }).trim();
    expect(path.basename(os.tmpdir())).toMatch(/^platform-tests-/);
    expect(child).toBe(os.tmpdir());
  });
});
